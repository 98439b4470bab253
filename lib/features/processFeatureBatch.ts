import { padSequenceNumber } from '../reports/sequencePosition';
import { settleEntity, SettleError } from './settleEntity';
import { collectEntityBatches } from './collectEntityBatches';
import type { CompiledFeatureGroup } from './compileFeatureGroup';
import { DEFAULT_ENTITY_CONCURRENCY } from './constants';
import type { FeatureEvent } from './readEventFacts';
import type { BatchEvent, FeatureRecordWriter, FeatureStateStore } from './types';

/** What {@link processFeatureBatch} needs. */
export interface FeatureBatchContext {
  readonly groups: readonly CompiledFeatureGroup[];
  readonly state: FeatureStateStore;
  readonly writer: FeatureRecordWriter;
  /** Entities worked on at once. Range 1-64. @default 16 */
  readonly concurrency?: number;
}

/** An entity whose state or record could not be written. */
export interface EntityFailure {
  readonly entityKey: string;
  /** The lowest sequence number of the records that brought its events. */
  readonly sequenceNumber: string;
  readonly stage: 'state' | 'record';
  readonly error: Error;
}

/** What {@link processFeatureBatch} did. */
export interface FeatureBatchResult {
  readonly entities: number;
  /** PutRecords sent. */
  readonly records: number;
  readonly bucketWrites: number;
  readonly profileWrites: number;
  readonly entriesAlreadyHeld: number;
  readonly failures: readonly EntityFailure[];
  /** The lowest sequence number among the failures, or null. */
  readonly failedSequenceNumber: string | null;
}

/**
 * Computes the features of a batch: per entity of every group, the state first (buckets, then
 * profile), then one PutRecord with EventTime the entity's latest event time, then a check that
 * no other writer changed the entity meanwhile (see settleEntity). An entity whose
 * state or record fails (after the store's and writer's retries) is reported by the lowest
 * sequence number that brought it: a replay from there is harmless, since entries are
 * idempotent and the same record is computed again.
 */
export async function processFeatureBatch<E extends FeatureEvent & { event_id: string | null }>(
  events: readonly BatchEvent<E>[],
  context: FeatureBatchContext,
): Promise<FeatureBatchResult> {
  const batches = [...collectEntityBatches(events, context.groups).values()];
  const failures: EntityFailure[] = [];
  let records = 0;
  let bucketWrites = 0;
  let profileWrites = 0;
  let entriesAlreadyHeld = 0;
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      try {
        const settled = await settleEntity(context.state, context.writer, batch);
        bucketWrites += settled.bucketWrites;
        profileWrites += settled.profileWrites;
        entriesAlreadyHeld += settled.entriesAlreadyHeld;
        records += settled.putRecords;
      } catch (error) {
        const stage = error instanceof SettleError ? error.stage : 'state';
        failures.push({ entityKey: batch.key, sequenceNumber: batch.lowestSequenceNumber, stage, error: error as Error });
      }
    }
  };
  const workers = Math.min(context.concurrency ?? DEFAULT_ENTITY_CONCURRENCY, batches.length);
  await Promise.all(Array.from({ length: workers }, worker));
  let failed: { padded: string; sequenceNumber: string } | null = null;
  for (const f of failures) {
    const padded = padSequenceNumber(f.sequenceNumber);
    if (failed === null || padded < failed.padded) failed = { padded, sequenceNumber: f.sequenceNumber };
  }
  return { entities: batches.length, records, bucketWrites, profileWrites, entriesAlreadyHeld, failures, failedSequenceNumber: failed?.sequenceNumber ?? null };
}
