import { padSequenceNumber } from '../reports/sequencePosition';
import { collectEntityBatches, type EntityBatch } from './collectEntityBatches';
import type { CompiledFeatureGroup } from './compileFeatureGroup';
import type { ComputedRecord } from './computeFeatureRecord';
import { DEFAULT_ENTITY_CONCURRENCY, SETTLE_ROUNDS, STATE_TTL_MS, STATE_WRITE_ATTEMPTS } from './constants';
import { EntityWriteError, FeatureComputationError } from './errors';
import { forEachConcurrently } from './forEachConcurrently';
import { computeFromState, mergeEntityState, type MergedEntity } from './mergeEntityState';
import { computeTiledFromState, mergeTiledState } from './mergeTiledState';
import type { FeatureEvent } from './readEventFacts';
import type { BatchEvent, EntityState, FeatureRecordWriter, FeatureStateStore, StateWrite } from './types';

/** What {@link processFeatureBatch} needs. */
export interface FeatureBatchContext {
  readonly groups: readonly CompiledFeatureGroup[];
  readonly state: FeatureStateStore;
  readonly writer: FeatureRecordWriter;
  /** The shard the events came from (a tiled entity keeps a mark per shard). */
  readonly shardId: string;
  /** Requests (conditional state writes, PutRecords) in flight at once. Range 1-64. @default 32 */
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
  /** Entities this shard alone writes (their id is the partition key): written in batches, no read-back. */
  readonly ownedEntities: number;
  /** PutRecords sent. */
  readonly records: number;
  /** Entity states written (none on a replay). */
  readonly stateWrites: number;
  /** Conditional writes that lost to another writer and were merged again. */
  readonly stateConflicts: number;
  readonly entriesAlreadyHeld: number;
  readonly failures: readonly EntityFailure[];
  /** The lowest sequence number among the failures, or null. */
  readonly failedSequenceNumber: string | null;
}

/** One entity's way through a batch. */
interface Plan {
  readonly batch: EntityBatch;
  merged: MergedEntity;
  /** The state version the current record was computed from. */
  version: number;
  computed: ComputedRecord;
}

const EMPTY_STATE: EntityState = { version: 0, entries: new Map(), facts: {} };

const toWrite = (plan: Plan): StateWrite => ({
  entityKey: plan.batch.key,
  state: plan.merged.state,
  expectedVersion: plan.merged.state.version - 1,
  expiresAtMs: plan.computed.eventTimeMs + STATE_TTL_MS,
});

/**
 * Computes the features of a batch, in phases so that each costs few requests:
 * 1. one consistent read of every entity's state (BatchGetItem, 100 entities a request);
 * 2. per entity, the batch merged in and its record computed (no request);
 * 3. the changed states written, tiled entities (a product) first, then the entities that keep an
 *    entry per event (a user), except those sharing an event with a tiled entity whose write
 *    failed (they fail too: a user holding an event tells its tiled entities that it was counted,
 *    see mergeTiledState); entities this shard alone writes (`owned`: their id is the records'
 *    partition key) in batches of 25 without a condition, the others each with a version
 *    condition, merged again from a fresh read when another shard won;
 * 4. one PutRecord per entity, EventTime its latest event time;
 * 5. for the entities another shard may write (a product), their versions read again: where one
 *    moved since the record was computed, the record is computed from the new state and put
 *    again, so the last record put always reflects every entry written before it.
 * An entity whose state or record fails (after the store's and writer's retries) is reported by
 * the lowest sequence number that brought it: a replay from there is harmless, since entries are
 * idempotent and the same record is computed again.
 */
export async function processFeatureBatch<E extends FeatureEvent & { event_id: string | null }>(
  events: readonly BatchEvent<E>[],
  context: FeatureBatchContext,
): Promise<FeatureBatchResult> {
  const { state: store, writer } = context;
  const limit = context.concurrency ?? DEFAULT_ENTITY_CONCURRENCY;
  const batches = [...collectEntityBatches(events, context.groups).values()];
  const failed = new Map<string, EntityFailure>();
  const fail = (batch: EntityBatch, stage: EntityFailure['stage'], error: unknown) => {
    if (!failed.has(batch.key)) failed.set(batch.key, { entityKey: batch.key, sequenceNumber: batch.lowestSequenceNumber, stage, error: new EntityWriteError(batch.key, stage, { cause: error }) });
  };
  let records = 0;
  let stateWrites = 0;
  let stateConflicts = 0;
  let entriesAlreadyHeld = 0;
  const putRecords = (plans: readonly Plan[]) =>
    forEachConcurrently(plans, limit, async (plan) => {
      try {
        records++;
        await writer.putRecord(plan.batch.group.name, plan.computed.record);
      } catch (error) {
        fail(plan.batch, 'record', error);
      }
    });

  /** Every entity's state as read at the start of the batch (undefined when the read failed). */
  let stored: Map<string, EntityState> | undefined;
  /** Whether a holder (an event's user) held the event when the batch began: it was counted before. */
  const countedBefore = (fp: string, holders: readonly string[]) => holders.some((key) => stored?.get(key)?.entries.has(fp) === true);
  const merge = (state: EntityState, batch: EntityBatch) => (batch.group.tiled ? mergeTiledState(state, batch, context.shardId, countedBefore) : mergeEntityState(state, batch));

  /** Writes the changed states of some entities: owned ones in batches, the others conditionally, merged again when another writer won. */
  const writeStates = async (some: readonly Plan[]) => {
    const owned = some.filter((p) => p.batch.owned && p.merged.changed);
    if (owned.length > 0) {
      let ownedFailures: Map<string, Error>;
      try {
        ownedFailures = await store.writeOwned(owned.map(toWrite));
      } catch (error) {
        ownedFailures = new Map(owned.map((p) => [p.batch.key, error as Error]));
      }
      for (const plan of owned) {
        const error = ownedFailures.get(plan.batch.key);
        if (error === undefined) stateWrites++;
        else fail(plan.batch, 'state', error);
      }
    }
    await forEachConcurrently(
      some.filter((p) => !p.batch.owned && p.merged.changed),
      limit,
      async (plan) => {
        try {
          for (let attempt = 1; ; attempt++) {
            stateWrites++;
            if (await store.writeConditional(toWrite(plan))) break;
            stateConflicts++;
            if (attempt >= STATE_WRITE_ATTEMPTS) throw new FeatureComputationError(`another writer changed it under ${STATE_WRITE_ATTEMPTS} writes`);
            const now = (await store.readEntities([plan.batch.key])).get(plan.batch.key) ?? EMPTY_STATE;
            plan.merged = merge(now, plan.batch);
            plan.version = plan.merged.state.version;
            plan.computed = plan.merged.computed;
            if (!plan.merged.changed) break;
          }
        } catch (error) {
          fail(plan.batch, 'state', error);
        }
      },
    );
  };

  // 1-2. read and merge
  const plans: Plan[] = [];
  try {
    stored = await store.readEntities(batches.map((b) => b.key));
  } catch (error) {
    for (const batch of batches) fail(batch, 'state', error);
  }
  if (stored !== undefined) {
    for (const batch of batches) {
      try {
        const merged = merge(stored.get(batch.key) ?? EMPTY_STATE, batch);
        entriesAlreadyHeld += merged.entriesAlreadyHeld;
        plans.push({ batch, merged, version: merged.state.version, computed: merged.computed });
      } catch (error) {
        fail(batch, 'state', error);
      }
    }
  }

  // 3. state writes: tiled entities first, then the others whose tiled entities all made it
  await writeStates(plans.filter((p) => p.batch.group.tiled));
  const holdersOfFailed = new Map<string, EntityFailure>();
  for (const batch of batches) {
    const failure = batch.group.tiled ? failed.get(batch.key) : undefined;
    if (failure !== undefined) for (const { holders } of batch.entries.values()) for (const key of holders) holdersOfFailed.set(key, failure);
  }
  const rest = plans.filter((p) => !p.batch.group.tiled);
  for (const plan of rest) {
    const failure = holdersOfFailed.get(plan.batch.key);
    if (failure !== undefined && plan.merged.changed) fail(plan.batch, 'state', failure.error);
  }
  await writeStates(rest.filter((p) => !failed.has(p.batch.key)));

  // 4. records
  await putRecords(plans.filter((p) => !failed.has(p.batch.key) && p.merged.state.version > 0)); // version 0: nothing was ever counted

  // 5. settle the entities other shards may change
  let pending = plans.filter((p) => !p.batch.owned && !failed.has(p.batch.key) && p.merged.state.version > 0);
  for (let round = 1; pending.length > 0; round++) {
    let moved: Plan[];
    try {
      const versions = await store.readVersions(pending.map((p) => p.batch.key));
      moved = pending.filter((p) => (versions.get(p.batch.key) ?? 0) !== p.version);
      if (moved.length > 0 && round >= SETTLE_ROUNDS) throw new FeatureComputationError(`its state was still changing after ${SETTLE_ROUNDS} records`);
      if (moved.length > 0) {
        const now = await store.readEntities(moved.map((p) => p.batch.key));
        for (const plan of moved) {
          const state = now.get(plan.batch.key) ?? EMPTY_STATE;
          plan.version = state.version;
          plan.computed = plan.batch.group.tiled ? computeTiledFromState(plan.batch, state) : computeFromState(plan.batch, state);
        }
      }
    } catch (error) {
      for (const plan of pending) fail(plan.batch, 'state', error);
      break;
    }
    await putRecords(moved);
    pending = moved.filter((p) => !failed.has(p.batch.key));
  }

  const failures = [...failed.values()];
  let lowest: { padded: string; sequenceNumber: string } | null = null;
  for (const f of failures) {
    const padded = padSequenceNumber(f.sequenceNumber);
    if (lowest === null || padded < lowest.padded) lowest = { padded, sequenceNumber: f.sequenceNumber };
  }
  return {
    entities: batches.length,
    ownedEntities: batches.filter((b) => b.owned).length,
    records,
    stateWrites,
    stateConflicts,
    entriesAlreadyHeld,
    failures,
    failedSequenceNumber: lowest?.sequenceNumber ?? null,
  };
}
