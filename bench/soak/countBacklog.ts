import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkpointFileSchema } from '../../local/esm';
import { DATA_DIR_LAYOUT, DEFAULT_CONSUMERS } from '../../local/up';
import type { ShardBacklog } from './types';

/** The shard ids of a stream. */
export async function listShardIds(kinesis: KinesisClient, streamName: string): Promise<string[]> {
  const { Shards } = await kinesis.send(new ListShardsCommand({ StreamName: streamName }));
  return (Shards ?? []).map((s) => s.ShardId!);
}

/**
 * Counts the records of one shard after `afterSequence` (from the start when undefined), with
 * GetRecords, stopping at `cap`.
 */
export async function countRecords(kinesis: KinesisClient, streamName: string, shardId: string, afterSequence: string | undefined, cap: number): Promise<{ count: number; capped: boolean }> {
  const start = await kinesis.send(
    new GetShardIteratorCommand({
      StreamName: streamName,
      ShardId: shardId,
      ...(afterSequence === undefined ? { ShardIteratorType: 'TRIM_HORIZON' } : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: afterSequence }),
    }),
  );
  let iterator = start.ShardIterator;
  let count = 0;
  while (iterator !== undefined && count < cap) {
    const out = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(10_000, cap - count) }));
    const records = out.Records ?? [];
    count += records.length;
    if (records.length === 0) break;
    iterator = out.NextShardIterator;
  }
  return { count: Math.min(count, cap), capped: count >= cap };
}

/** The consumers `snowline up` runs on a stream, by name. */
export const consumersOf = (streamName: string): string[] => DEFAULT_CONSUMERS.filter((c) => c.streamName === streamName).map((c) => c.name);

/** A consumer's checkpointed sequence numbers by shard, from `<dataDir>/esm/<name>/checkpoints.json` (none when absent). */
async function readCheckpoints(dataDir: string, consumer: string): Promise<Record<string, string>> {
  const text = await readFile(join(dataDir, DATA_DIR_LAYOUT.esm, consumer, 'checkpoints.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  const file = checkpointFileSchema.parse(JSON.parse(text));
  return Object.fromEntries(Object.entries(file.shards).map(([shard, c]) => [shard, c.sequenceNumber]));
}

/**
 * Records each consumer of `streamName` has not yet processed, per shard: those after its
 * checkpoint, which the runner writes (atomically) once a batch is decided, so what a SIGKILL
 * interrupted counts as behind. Read from the data dir and the stream, not from the stack's own
 * counters, which start again at zero after a restart.
 *
 * @param cap - counting a shard stops here (a large backlog is not read in full while the stack runs).
 */
export async function countBacklog(kinesis: KinesisClient, dataDir: string, streamName: string, cap: number): Promise<ShardBacklog[]> {
  const shards = await listShardIds(kinesis, streamName);
  const out: ShardBacklog[] = [];
  for (const consumer of consumersOf(streamName)) {
    const checkpoints = await readCheckpoints(dataDir, consumer);
    for (const shardId of shards) {
      const checkpoint = checkpoints[shardId];
      const { count, capped } = await countRecords(kinesis, streamName, shardId, checkpoint, cap);
      out.push({ consumer, shardId, checkpoint, recordsBehind: count, capped });
    }
  }
  return out;
}

/** Lines in the consumers' on-failure files (`<dataDir>/esm/<name>/on-failure.jsonl`): records Lambda would have given up on. */
export async function countOnFailureRecords(dataDir: string): Promise<number> {
  const root = join(dataDir, DATA_DIR_LAYOUT.esm);
  const names = await readdir(root).catch(() => [] as string[]);
  let count = 0;
  for (const name of names) {
    const text = await readFile(join(root, name, 'on-failure.jsonl'), 'utf8').catch(() => '');
    count += text.split('\n').filter((line) => line.trim() !== '').length;
  }
  return count;
}
