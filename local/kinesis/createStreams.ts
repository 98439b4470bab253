import {
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  type KinesisClient,
  ResourceNotFoundException,
  type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import type { StreamDefinition } from '../../stacks/config';
import { resolveKinesisClient } from './createLocalKinesisClient';
import { InvalidStreamDefinitionError, StreamNotActiveError } from './errors';
import type { CreateStreamsOptions } from './types';

const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

/** The shard count a definition gets locally: its fixed count, or `localShardCount` when on-demand. */
export function localShardCount(definition: StreamDefinition): number {
  return definition.capacity === 'on-demand' ? definition.localShardCount : definition.capacity;
}

function validate(definition: StreamDefinition): void {
  const { streamName } = definition;
  if (!STREAM_NAME.test(streamName)) {
    throw new InvalidStreamDefinitionError(streamName, 'streamName', 'must match [a-zA-Z0-9_.-]{1,128}');
  }
  const shards = localShardCount(definition);
  if (!Number.isInteger(shards) || shards < 1) {
    throw new InvalidStreamDefinitionError(streamName, 'shard count', `must be an integer >= 1, got ${shards}`);
  }
  const hours = definition.retentionHours;
  if (!Number.isInteger(hours) || hours < 24 || hours > 8760) {
    throw new InvalidStreamDefinitionError(streamName, 'retentionHours', `must be an integer in 24-8760, got ${hours}`);
  }
}

async function describe(client: KinesisClient, streamName: string): Promise<StreamDescriptionSummary | undefined> {
  try {
    const out = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    return out.StreamDescriptionSummary;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

async function waitActive(
  client: KinesisClient,
  streamName: string,
  timeoutMs: number,
  pollIntervalMs: number,
): Promise<StreamDescriptionSummary> {
  const started = Date.now();
  let last: StreamDescriptionSummary | undefined;
  for (;;) {
    last = await describe(client, streamName);
    if (last?.StreamStatus === 'ACTIVE') return last;
    if (Date.now() - started >= timeoutMs) {
      throw new StreamNotActiveError(streamName, Date.now() - started, last?.StreamStatus);
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}

/**
 * Creates each stream that does not exist yet, waits until it is ACTIVE and sets its retention.
 * Idempotent: existing streams are kept as they are (a restart on disk finds them again).
 *
 * @example
 * await createStreams('http://127.0.0.1:4567', STREAMS);
 */
export async function createStreams(
  kinesis: KinesisClient | string,
  definitions: readonly StreamDefinition[],
  options: CreateStreamsOptions = {},
): Promise<void> {
  definitions.forEach(validate);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pollIntervalMs = options.pollIntervalMs ?? 20;
  const { client, owned } = resolveKinesisClient(kinesis);
  try {
    for (const definition of definitions) {
      const { streamName } = definition;
      if ((await describe(client, streamName)) === undefined) {
        await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: localShardCount(definition) }));
      }
      const summary = await waitActive(client, streamName, timeoutMs, pollIntervalMs);
      const current = summary.RetentionPeriodHours ?? 24;
      const wanted = definition.retentionHours;
      if (current !== wanted) {
        const input = { StreamName: streamName, RetentionPeriodHours: wanted };
        await client.send(
          wanted > current
            ? new IncreaseStreamRetentionPeriodCommand(input)
            : new DecreaseStreamRetentionPeriodCommand(input),
        );
        await waitActive(client, streamName, timeoutMs, pollIntervalMs);
      }
    }
  } finally {
    if (owned) client.destroy();
  }
}
