/**
 * Checks of props that name a path on the machine running `cdk synth` (a handler entry, an asset
 * folder), so a wrong path fails naming the prop, not deep inside bundling.
 */
import { statSync } from 'node:fs';
import type { IConstruct } from 'constructs';
import { invalid } from '../prop-checks';

/** What a path prop must point at. */
export type PathKind = 'file' | 'directory';

/**
 * Throws {@link InvalidPropError} unless `value` is a path to an existing file or directory.
 *
 * @param scope the construct whose props these are; its path opens the message
 * @param prop the prop, e.g. `reportsHandlerEntry`
 * @param kind whether a file or a directory must be there
 */
export function checkExistingPath(scope: IConstruct, prop: string, value: unknown, kind: PathKind): void {
  const expected = `the path of an existing ${kind}`;
  if (typeof value !== 'string' || value === '') throw invalid(scope, prop, value, expected);
  const stats = statSync(value, { throwIfNoEntry: false });
  const found = kind === 'file' ? stats?.isFile() : stats?.isDirectory();
  if (!found) throw invalid(scope, prop, value, expected);
}
