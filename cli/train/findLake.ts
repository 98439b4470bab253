import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lakeSources } from '../../lib/queries';
import { offlineStoreLayout } from '../../local/featurestore/offlineStoreLayout';
import { USER_ACTIVITY } from '../../schemas/feature-groups';
import { LAKE_LAYOUT } from './constants';

/** The training set's inputs in a lake, as DuckDB globs. */
export interface LakeSources {
  /** The user_activity offline store's Parquet files (every group folder of that name). */
  readonly userActivity: string;
  /** The archived events' Parquet files. */
  readonly events: string;
}

const parquetUnder = async (dir: string): Promise<string[]> => {
  try {
    return (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.parquet'));
  } catch {
    return [];
  }
};

/**
 * The lake under a data dir (`<data-dir>/lake/`, as `snowline up`, its Feature Store and the
 * events archiver write it; the globs are `lakeSources`') when it holds both inputs of the
 * training set: user_activity offline-store files and archived events. Null when either is
 * missing or empty.
 */
export async function findLake(dataDir: string): Promise<LakeSources | null> {
  const group = offlineStoreLayout.groupFolderPattern(USER_ACTIVITY.name);
  const offline = (await parquetUnder(join(dataDir, LAKE_LAYOUT.featureStore))).filter((path) => path.split(/[\\/]/).some((part) => group.test(part)));
  const events = await parquetUnder(join(dataDir, LAKE_LAYOUT.events));
  if (offline.length === 0 || events.length === 0) return null;
  const inputs = lakeSources(join(dataDir, 'lake'));
  return { userActivity: inputs[USER_ACTIVITY.name]!.source.parquet, events: inputs.events!.source.parquet };
}
