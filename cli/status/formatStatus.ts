import { RECORDS_BEHIND_CAP } from './constants';
import type { StatusSnapshot } from './types';

/** The snapshot as one line of JSON, for scripts. */
export function formatStatusJson(snapshot: StatusSnapshot): string {
  return `${JSON.stringify(snapshot)}\n`;
}

const rate = (perSecond: number, first: boolean): string => (first ? '-' : perSecond.toFixed(1));
const behind = (count: number, capped: boolean): string => (capped ? `${RECORDS_BEHIND_CAP}+` : String(count));
const age = (ms: number): string => (ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`);

/**
 * The snapshot as a table: one line per consumer, then one per shard, with lag (records behind
 * the checkpoint, iterator age, ms behind latest), events/s, processed, failed batches and the
 * on-failure destination's depth; the bad-rows stream's count at the bottom.
 *
 * @example
 * ```text
 * Snowline status  2026-11-22T10:00:00.000Z  http://127.0.0.1:3000
 * consumer / shard          behind  iterator age  ms behind  events/s  processed  failed batches  on-failure
 * reports                        0          0 ms          0     812.0     120000               0           0
 *   shardId-000000000000         0          0 ms          0     400.0      60000               0           0
 * bad rows: 3 on snowline-bad-rows
 * ```
 */
export function formatStatusTable(snapshot: StatusSnapshot): string {
  const first = snapshot.intervalSeconds === 0;
  const rows: string[][] = [['consumer / shard', 'behind', 'iterator age', 'ms behind', 'events/s', 'processed', 'failed batches', 'on-failure']];
  for (const consumer of snapshot.consumers) {
    const capped = consumer.shards.some((s) => s.recordsBehindCapped);
    rows.push([
      consumer.name,
      behind(consumer.recordsBehind, capped),
      age(consumer.maxIteratorAgeMs),
      String(Math.max(0, ...consumer.shards.map((s) => s.millisBehindLatest))),
      rate(consumer.eventsPerSecond, first),
      String(consumer.recordsProcessed),
      String(consumer.failedBatches),
      String(consumer.onFailureDepth),
    ]);
    for (const shard of consumer.shards) {
      rows.push([
        `  ${shard.shardId}${shard.lastError ? ' (error)' : ''}`,
        behind(shard.recordsBehind, shard.recordsBehindCapped),
        age(shard.iteratorAgeMs),
        String(shard.millisBehindLatest),
        rate(shard.eventsPerSecond, first),
        String(shard.recordsProcessed),
        String(shard.failedBatches),
        String(shard.recordsToOnFailure),
      ]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd());
  const errors = snapshot.consumers.flatMap((c) => c.shards.filter((s) => s.lastError).map((s) => `${c.name} ${s.shardId}: ${s.lastError}`));
  return [
    `Snowline status  ${snapshot.takenAt}  ${snapshot.http}`,
    ...(snapshot.consumers.length === 0 ? ['no consumers run in this stack'] : lines),
    `bad rows: ${snapshot.badRows.count} on ${snapshot.badRows.streamName}`,
    ...errors.map((e) => `error: ${e}`),
    '',
  ].join('\n');
}
