import { applyEntityBatch, computeFromState, type EntityView } from './applyEntityBatch';
import type { EntityBatch } from './collectEntityBatches';
import { FeatureComputationError } from './errors';
import type { FeatureRecordWriter, FeatureStateStore, StoredEntity } from './types';

/** What settling one entity did. */
export interface EntitySettled {
  readonly bucketWrites: number;
  readonly profileWrites: number;
  readonly entriesAlreadyHeld: number;
  /** PutRecords sent (more than one when another shard changed the entity meanwhile). */
  readonly putRecords: number;
}

/** The stage at which settling failed, carried by the error. */
export class SettleError extends FeatureComputationError {
  constructor(
    /** The entity, `<group>#<id>`. */
    readonly entityKey: string,
    /** `state`: reading or writing the window state; `record`: PutRecord. */
    readonly stage: 'state' | 'record',
    options: { cause: unknown },
  ) {
    super(`feature entity ${entityKey}: ${stage === 'state' ? 'its window state' : 'its record'} could not be written (${(options.cause as Error)?.message})`, options);
    this.name = 'SettleError';
  }
}

/** How many times a record is recomputed when other writers keep changing its entity. */
const SETTLE_ROUNDS = 5;

function sameView(view: EntityView, now: StoredEntity): boolean {
  if ((now.profile?.version ?? null) !== view.profileVersion || now.entries.size !== view.entries.size) return false;
  for (const [fp, text] of now.entries) if (view.entries.get(fp) !== text) return false;
  return true;
}

/**
 * Applies one entity's batch, writes its record, then reads its state once more: when another
 * writer (a batch of another shard, for a product) changed it between the read and the
 * PutRecord, the record is computed again and written again, so the last record written always
 * reflects every entry written before it. Same-or-newer EventTime replaces online, and a later
 * writer reads everything written before its own read, so concurrent shards converge.
 *
 * @throws SettleError naming the entity and the stage that failed.
 */
export async function settleEntity(state: FeatureStateStore, writer: FeatureRecordWriter, batch: EntityBatch): Promise<EntitySettled> {
  let applied;
  try {
    applied = await applyEntityBatch(state, batch);
  } catch (cause) {
    throw new SettleError(batch.key, 'state', { cause });
  }
  let { computed, view } = applied;
  let putRecords = 0;
  for (let round = 1; ; round++) {
    try {
      putRecords++;
      await writer.putRecord(batch.group.name, computed.record);
    } catch (cause) {
      throw new SettleError(batch.key, 'record', { cause });
    }
    let now: StoredEntity;
    try {
      now = await state.readEntity(batch.key, view.fromBucketMs);
    } catch (cause) {
      throw new SettleError(batch.key, 'state', { cause });
    }
    if (sameView(view, now)) break;
    if (round >= SETTLE_ROUNDS) throw new SettleError(batch.key, 'state', { cause: new Error(`still changing after ${SETTLE_ROUNDS} records`) });
    view = { fromBucketMs: view.fromBucketMs, entries: now.entries, profileVersion: now.profile?.version ?? null };
    computed = computeFromState(batch, now.entries, now.profile);
  }
  return { bucketWrites: applied.bucketWrites, profileWrites: applied.profileWrites, entriesAlreadyHeld: applied.entriesAlreadyHeld, putRecords };
}
