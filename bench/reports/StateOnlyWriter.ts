import { advanceShardState, INITIAL_SHARD_STATE, type BatchPlan, type ShardState } from '../../lib/reports';
import type { ApplyResult, ReportWriter } from '../../stores/reports';

/**
 * A report writer that writes nothing: it keeps each shard's state in memory (so duplicates and
 * marks behave as with the real store) and drops the items. The handler over it costs what the
 * handler does before the store: decoding, parsing and aggregating.
 */
export class StateOnlyWriter implements ReportWriter {
  private readonly states = new Map<string, ShardState>();

  /** {@inheritDoc ReportWriter.readShardState} */
  async readShardState(shardId: string): Promise<ShardState> {
    return this.states.get(shardId) ?? INITIAL_SHARD_STATE;
  }

  /** {@inheritDoc ReportWriter.apply} */
  async apply(shardId: string, plan: BatchPlan): Promise<ApplyResult> {
    const next = advanceShardState(plan.baseState, plan.records, null, plan.options.fingerprintCapacity);
    if (next !== null) this.states.set(shardId, next);
    return { failedSequenceNumber: null, failures: [], counterUpdates: 0, counterSkips: 0, sketchUpdates: 0, stateAdvanced: next !== null };
  }
}
