import type { RecordOutcome, ShardState } from './types';

/** The state of a shard before its first batch. */
export const INITIAL_SHARD_STATE: ShardState = { highWaterMark: null, fingerprints: [], newestEventTimeMs: null };

/**
 * The shard state once the records of a batch below `failedPaddedSequenceNumber` (all of them when
 * null) are written: the high-water mark moves to the last of them, their fingerprints join the
 * window (the oldest dropping out beyond `capacity`), and the newest event time is theirs.
 *
 * The records from the failed one on are left out on purpose: their fingerprints must not be
 * stored, or the retry would drop them as duplicates of themselves.
 *
 * @returns the new state, or null when no record advanced it (nothing to write).
 */
export function advanceShardState(
  base: ShardState,
  records: readonly RecordOutcome[],
  failedPaddedSequenceNumber: string | null,
  capacity: number,
): ShardState | null {
  const done = failedPaddedSequenceNumber === null ? records : records.filter((r) => r.paddedSequenceNumber < failedPaddedSequenceNumber);
  const last = done[done.length - 1];
  if (last === undefined) return null;
  const added = done.flatMap((r) => r.fingerprints);
  const all = base.fingerprints.length + added.length <= capacity ? [...base.fingerprints, ...added] : [...base.fingerprints, ...added].slice(-capacity);
  return { highWaterMark: last.paddedSequenceNumber, fingerprints: capacity === 0 ? [] : all, newestEventTimeMs: last.newestEventTimeMs };
}
