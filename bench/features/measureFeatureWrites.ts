import { SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamEvent } from 'aws-lambda';
import { createFeaturesHandler } from '../../handlers/features';
import { KinesisBadRowSink } from '../../handlers/shared';
import type { GeneratedEvent } from '../../lib/generator';
import { createLocalDynamoDbClient, createTables } from '../../local/dynamodb';
import { createLocalKinesisClient, LOCAL_REGION } from '../../local/kinesis';
import { BAD_ROWS_STREAM, FEATURE_STATE_TABLE } from '../../stacks/config';
import { countFeatureRequests, DynamoFeatureStateStore, FeatureStoreRecordWriter } from '../../stores/features';
import { median } from '../measure';
import { toEntry } from '../reports/putEvents';
import { shardBatches } from '../reports/shardBatches';
import type { ServicesChild } from '../reports/startServicesChild';

/** One pass of the feature handler over every batch, on a fresh state table. */
export interface FeatureWritesRound {
  /** PutRecord requests sent to Feature Store, the SDK's retries included. */
  readonly putRecords: number;
  /** State write requests (BatchWriteItem, PutItem, ...) sent to DynamoDB, the SDK's retries included. */
  readonly stateWrites: number;
  /** State reads (BatchGetItem; Query, GetItem) sent to DynamoDB. */
  readonly stateReads: number;
  /** Every request sent, by command. */
  readonly byCommand: Readonly<Record<string, number>>;
  /** CPU (user + system) of this process during the handler invocations, per event, in µs. */
  readonly cpuMicrosPerEvent: number;
  /** Wall time of the invocations, in ms. */
  readonly wallMs: number;
}

/** What {@link measureFeatureWrites} found. */
export interface FeatureWritesResult {
  readonly batches: number;
  readonly shards: number;
  readonly batchSize: number;
  readonly rounds: readonly FeatureWritesRound[];
  /** Per 1,000 events, median over the rounds. */
  readonly putRecordsPer1000Events: number;
  readonly stateWritesPer1000Events: number;
  readonly stateReadsPer1000Events: number;
  readonly cpuMicrosPerEvent: { readonly rounds: readonly number[]; readonly median: number };
}

const SHARDS = 2;
const BATCH_SIZE = 500;
const WARM_UP_BATCHES = 4;
const silent = () => new Logger({ serviceName: 'snowline-features-bench', logLevel: 'SILENT' });

async function runRound(child: ServicesChild, batches: readonly KinesisStreamEvent[], events: number, tableName: string): Promise<FeatureWritesRound> {
  const dynamodb = createLocalDynamoDbClient(child.dynamodb);
  const kinesis = createLocalKinesisClient(child.kinesis);
  const featureStore = new SageMakerFeatureStoreRuntimeClient({ endpoint: child.featurestore!, region: LOCAL_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await createTables(dynamodb, [{ ...FEATURE_STATE_TABLE, tableName }]);
    const counter = countFeatureRequests({ dynamodb, featureStore });
    const handler = createFeaturesHandler({
      state: new DynamoFeatureStateStore({ dynamodb, tableName }),
      writer: new FeatureStoreRecordWriter({ featureStore }),
      badRows: new KinesisBadRowSink({ kinesis, streamName: BAD_ROWS_STREAM.streamName }),
      logger: silent(),
      metrics: null, // EMF lines on stdout would mix with the benchmark's JSON
    });
    // createTables is counted too: start from zero.
    counter.reset();
    let cpuMicros = 0;
    const began = performance.now();
    for (const batch of batches) {
      const cpu = process.cpuUsage();
      const { batchItemFailures } = await handler(batch);
      const used = process.cpuUsage(cpu);
      cpuMicros += used.user + used.system;
      if (batchItemFailures.length > 0) throw new Error(`features bench: the handler reported a failed record (${batchItemFailures[0]!.itemIdentifier}); the local services should not fail`);
    }
    const wallMs = performance.now() - began;
    return {
      putRecords: counter.putRecords(),
      stateWrites: counter.stateWrites(),
      stateReads: counter.stateReads(),
      byCommand: { ...counter.byCommand },
      cpuMicrosPerEvent: round1(cpuMicros / events),
      wallMs: Math.round(wallMs),
    };
  } finally {
    dynamodb.destroy();
    kinesis.destroy();
    featureStore.destroy();
  }
}

/**
 * Runs the real feature handler (DynamoFeatureStateStore on dynalite, FeatureStoreRecordWriter on
 * the Feature Store runtime, KinesisBadRowSink on kinesalite, all in the child process) over the
 * events cut as Lambda would cut them: two shards by partition key (`domain_userid`), 500-record
 * batches. Counts the PutRecords and state writes its clients send (countFeatureRequests) and the
 * CPU this process spends in the invocations. One warm-up round (the first 4 batches), then
 * `rounds` rounds, each on a fresh state table (the online store keeps the same records).
 */
export async function measureFeatureWrites(child: ServicesChild, generated: readonly GeneratedEvent[], rounds: number): Promise<FeatureWritesResult> {
  if (child.featurestore === undefined) throw new Error('features bench: the services child runs no Feature Store (start it with { featureStore: true })');
  const batches = shardBatches(
    generated.map((g) => ({ line: g.line, partitionKey: toEntry(g).PartitionKey! })),
    SHARDS,
    BATCH_SIZE,
  );
  await runRound(child, batches.slice(0, WARM_UP_BATCHES), generated.length, 'snowline-features-bench-warm-up');
  const results: FeatureWritesRound[] = [];
  for (let round = 1; round <= rounds; round++) results.push(await runRound(child, batches, generated.length, `snowline-features-bench-${round}`));
  const per1000 = (pick: (r: FeatureWritesRound) => number) => round1((median(results.map(pick)) / generated.length) * 1000);
  const cpu = results.map((r) => r.cpuMicrosPerEvent);
  return {
    batches: batches.length,
    shards: SHARDS,
    batchSize: BATCH_SIZE,
    rounds: results,
    putRecordsPer1000Events: per1000((r) => r.putRecords),
    stateWritesPer1000Events: per1000((r) => r.stateWrites),
    stateReadsPer1000Events: per1000((r) => r.stateReads),
    cpuMicrosPerEvent: { rounds: cpu, median: round1(median(cpu)) },
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
