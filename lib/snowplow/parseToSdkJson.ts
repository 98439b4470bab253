import type { LoaderParsingErrorBadRow } from '../../schemas/bad-row';
import { parseEnrichedEventStrict } from './parseEnrichedEvent';
import { toSdkJson, type SdkJson } from './toSdkJson';

/** The outcome of turning one line into SDK JSON. */
export type SdkJsonResult =
  | { readonly ok: true; readonly json: SdkJson }
  | { readonly ok: false; readonly badRow: LoaderParsingErrorBadRow };

/** Parses one enriched TSV line, JSON fields included, into the SDKs' JSON, or a bad row. Never throws. */
export function parseToSdkJson(line: string): SdkJsonResult {
  const result = parseEnrichedEventStrict(line);
  if (!result.ok) return { ok: false, badRow: result.badRow };
  return { ok: true, json: toSdkJson(result.event) };
}
