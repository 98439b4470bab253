import type { OnlineRecordInput } from './types';

/** An online record as a name→value map, from Feature Store's `{FeatureName, ValueAsString}[]` or a map. */
export function readRecord(record: OnlineRecordInput): ReadonlyMap<string, string> {
  if (Array.isArray(record)) {
    return new Map((record as readonly { FeatureName: string; ValueAsString: string }[]).map((entry) => [entry.FeatureName, entry.ValueAsString]));
  }
  return new Map(Object.entries(record as Readonly<Record<string, string>>));
}
