import { join } from 'node:path';
import { ListShardsCommand, type KinesisClient, type Shard } from '@aws-sdk/client-kinesis';
import { resolveKinesisClient } from '../kinesis/createLocalKinesisClient';
import { buildMappingIdentity } from './buildMappingIdentity';
import { CheckpointStore } from './CheckpointStore';
import {
  DEFAULT_ACCOUNT,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_SHARD_DISCOVERY_INTERVAL_MS,
} from './constants';
import { EventSourceStreamError, InvalidMappingOptionError } from './errors';
import { OnFailureDestination } from './OnFailureDestination';
import { ShardPoller } from './ShardPoller';
import type { StartPosition } from './ShardReader';
import { sleep } from './sleep';
import type { EventSourceMapping, MappingIdentity, MappingStats, StartEventSourceMappingOptions } from './types';
import { validateSettings } from './validateSettings';

const MAPPING_NAME = /^[A-Za-z0-9_.-]+$/;

async function listShards(client: KinesisClient, streamName: string, signal?: AbortSignal): Promise<Shard[]> {
  const shards: Shard[] = [];
  let nextToken: string | undefined;
  do {
    const out = await client.send(
      new ListShardsCommand(nextToken === undefined ? { StreamName: streamName } : { NextToken: nextToken }),
      { abortSignal: signal },
    );
    shards.push(...(out.Shards ?? []));
    nextToken = out.NextToken;
  } while (nextToken !== undefined);
  return shards;
}

function checkDuration(name: string, option: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new InvalidMappingOptionError(name, option, `must be a number of milliseconds >= 0, got ${value}`);
  }
}

/**
 * Runs a Kinesis event source mapping locally with Lambda's semantics: every shard is polled in
 * parallel, one batch in flight per shard, and the handler gets a real `KinesisStreamEvent`.
 * Checkpoints and on-failure records go under `<dataDir>/esm/<name>/`.
 *
 * Resolves once every shard has its iterator, so records put afterwards are seen even with
 * `startingPosition: 'LATEST'`.
 *
 * @example
 * const mapping = await startEventSourceMapping({
 *   name: 'reports', kinesis: endpoint, streamName: ENRICHED_STREAM.streamName,
 *   settings: DEFAULT_EVENT_SOURCE, handler, dataDir: '.snowline',
 * });
 * // ...
 * await mapping.stop();
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 */
export async function startEventSourceMapping(options: StartEventSourceMappingOptions): Promise<EventSourceMapping> {
  const { name, streamName } = options;
  if (!MAPPING_NAME.test(name) || name === '.' || name === '..') {
    throw new InvalidMappingOptionError(name, 'name', 'must match [A-Za-z0-9_.-]+ (it names a folder)');
  }
  const settings = validateSettings(name, options.settings);
  checkDuration(name, 'pollIntervalMs', options.pollIntervalMs);
  checkDuration(name, 'retryDelayMs', options.retryDelayMs);
  checkDuration(name, 'shardDiscoveryIntervalMs', options.shardDiscoveryIntervalMs);
  checkDuration(name, 'functionTimeoutMs', options.functionTimeoutMs);

  const { client, owned } = resolveKinesisClient(options.kinesis, options.region);
  let identity: MappingIdentity;
  let checkpoints: CheckpointStore;
  let initial: Shard[];
  const dir = options.dataDir === undefined ? undefined : join(options.dataDir, 'esm', name);
  try {
    identity = buildMappingIdentity({
      region: options.region ?? (await client.config.region()),
      account: options.account ?? DEFAULT_ACCOUNT,
      streamName,
      functionName: options.functionName ?? name,
    });
    checkpoints = await CheckpointStore.open(name, identity.streamArn, dir && join(dir, 'checkpoints.json'));
    initial = await listShards(client, streamName).catch((cause: unknown) => {
      throw new EventSourceStreamError(name, streamName, { cause });
    });
  } catch (err) {
    if (owned) client.destroy();
    throw err;
  }
  const destination = new OnFailureDestination(dir && join(dir, 'on-failure.jsonl'), options.onFailure);

  const controller = new AbortController();
  const { signal } = controller;
  let abandoned = false;
  const pollers = new Map<string, { readonly poller: ShardPoller; readonly done: Promise<void> }>();

  const startShard = (shard: Shard, start: StartPosition): Promise<void> => {
    const shardId = shard.ShardId!;
    const poller = new ShardPoller({
      shardId,
      client,
      settings,
      handler: options.handler,
      identity,
      checkpoints,
      destination,
      pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
      functionTimeoutMs: options.functionTimeoutMs,
      clock: options.clock ?? Date.now,
      signal,
      abandoned: () => abandoned,
    });
    // Lambda finishes a parent shard before it reads its children, to keep each key in order.
    const parents = [shard.ParentShardId, shard.AdjacentParentShardId]
      .map((id) => (id === undefined ? undefined : pollers.get(id)?.done))
      .filter((done): done is Promise<void> => done !== undefined);
    if (parents.length > 0) poller.waitForParents();
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const done = (async () => {
      await Promise.all(parents);
      await poller.open(start);
      opened();
      await poller.run();
    })().finally(opened);
    pollers.set(shardId, { poller, done });
    return parents.length > 0 ? Promise.resolve() : isOpen;
  };

  const initialIds = new Set(initial.map((s) => s.ShardId));
  const opening = initial.map((shard) => {
    // A child of a shard we also read starts at its beginning, whatever the starting position.
    const hasParent = [shard.ParentShardId, shard.AdjacentParentShardId].some((id) => id !== undefined && initialIds.has(id));
    return startShard(shard, hasParent ? { type: 'TRIM_HORIZON' } : { type: settings.startingPosition });
  });
  await Promise.all(opening);

  const discovery = (async () => {
    while (!signal.aborted) {
      await sleep(options.shardDiscoveryIntervalMs ?? DEFAULT_SHARD_DISCOVERY_INTERVAL_MS, signal);
      if (signal.aborted) return;
      try {
        for (const shard of await listShards(client, streamName, signal)) {
          if (!pollers.has(shard.ShardId!)) void startShard(shard, { type: 'TRIM_HORIZON' });
        }
      } catch {
        // The next round tries again; a shard's own errors show in its stats.
      }
    }
  })();

  const release = async (): Promise<void> => {
    await discovery;
    await checkpoints.drain();
    await destination.drain();
    if (owned) client.destroy();
  };
  let stopping: Promise<void> | undefined;

  return {
    name,
    get failures() {
      return destination.records;
    },
    checkpointFile: checkpoints.file,
    onFailureFile: destination.file,
    stats(): MappingStats {
      const shards = [...pollers.values()].map((p) => p.poller.stats()).sort((a, b) => a.shardId.localeCompare(b.shardId));
      const sum = (key: 'recordsProcessed' | 'batches' | 'failedBatches' | 'recordsToOnFailure'): number =>
        shards.reduce((total, s) => total + s[key], 0);
      return {
        name,
        streamName,
        shards,
        recordsProcessed: sum('recordsProcessed'),
        batches: sum('batches'),
        failedBatches: sum('failedBatches'),
        recordsToOnFailure: sum('recordsToOnFailure'),
      };
    },
    stop(): Promise<void> {
      stopping ??= (async () => {
        controller.abort();
        await Promise.all([...pollers.values()].map((p) => p.done));
        await release();
      })();
      return stopping;
    },
    abandon(): Promise<void> {
      abandoned = true;
      // In-flight handlers are left running; whatever they return is ignored.
      stopping ??= (async () => {
        controller.abort();
        await release();
      })();
      return stopping;
    },
  };
}
