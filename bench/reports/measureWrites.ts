import { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamEvent } from 'aws-lambda';
import { createReportsHandler } from '../../handlers/reports';
import { KinesisBadRowSink } from '../../handlers/shared';
import type { GeneratedEvent } from '../../lib/generator';
import { naiveWriteCount } from '../../lib/reports';
import { createLocalDynamoDbClient, createTables } from '../../local/dynamodb';
import { createLocalKinesisClient } from '../../local/kinesis';
import { BAD_ROWS_STREAM, REPORTS_TABLE } from '../../stacks/config';
import { countWrites, DynamoReportStore } from '../../stores/reports';
import { median } from '../measure';
import { shardBatches } from './shardBatches';
import { StateOnlyWriter } from './StateOnlyWriter';
import type { ServicesChild } from './startServicesChild';

/** One pass of the handler over every batch, on a fresh table. */
export interface WritesRound {
  /** Write requests sent (UpdateItem, PutItem, ...), the SDK's retries included. */
  readonly writes: number;
  /** Every request sent, by command. */
  readonly byCommand: Readonly<Record<string, number>>;
  /** CPU (user + system) of this process during the handler invocations, per event, in µs. */
  readonly cpuMicrosPerEvent: number;
  /** The same over a writer that writes nothing (decode, parse, aggregate only), per event, in µs. */
  readonly beforeStoreCpuMicrosPerEvent: number;
  /** Wall time of the invocations, in ms. */
  readonly wallMs: number;
}

/** What {@link measureWrites} found. */
export interface WritesResult {
  /** KinesisStreamEvents the handler was invoked with, from `shards` shards, of at most `batchSize` records. */
  readonly batches: number;
  readonly shards: number;
  readonly batchSize: number;
  /** Each measured round. */
  readonly rounds: readonly WritesRound[];
  /** Write requests per 1,000 events (median over the rounds; they do not vary). */
  readonly writesPer1000Events: number;
  /** Other requests (GetItem) per 1,000 events. */
  readonly readsPer1000Events: number;
  /** naiveWriteCount of the same events, per 1,000. */
  readonly naiveWritesPer1000Events: number;
  /** Naive writes over measured writes. */
  readonly fewerWritesThanNaive: number;
  /** Handler CPU per event, in µs: each round and the median. */
  readonly cpuMicrosPerEvent: { readonly rounds: readonly number[]; readonly median: number };
  /** The same over a writer that writes nothing. */
  readonly beforeStoreCpuMicrosPerEvent: { readonly rounds: readonly number[]; readonly median: number };
}

const SHARDS = 2;
const BATCH_SIZE = 500;
const WARM_UP_BATCHES = 10;
const silent = () => new Logger({ serviceName: 'snowline-reports-bench', logLevel: 'SILENT' });
const WRITE_COMMANDS = new Set(['UpdateItemCommand', 'PutItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

type Handler = ReturnType<typeof createReportsHandler>;

/** Invokes the handler with every batch; returns the CPU of this process during the invocations, in µs. */
async function invokeAll(handler: Handler, batches: readonly KinesisStreamEvent[]): Promise<number> {
  let cpuMicros = 0;
  for (const batch of batches) {
    const cpu = process.cpuUsage();
    const { batchItemFailures } = await handler(batch);
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    if (batchItemFailures.length > 0) throw new Error(`reports bench: the handler reported a failed record (${batchItemFailures[0]!.itemIdentifier}); dynalite should not fail`);
  }
  return cpuMicros;
}

async function runRound(child: ServicesChild, batches: readonly KinesisStreamEvent[], events: number, tableName: string): Promise<WritesRound> {
  const dynamodb = createLocalDynamoDbClient(child.dynamodb);
  const kinesis = createLocalKinesisClient(child.kinesis);
  try {
    await createTables(dynamodb, [{ ...REPORTS_TABLE, tableName }]);
    const counter = countWrites(dynamodb);
    const handler = createReportsHandler({
      store: new DynamoReportStore({ dynamodb, tableName }),
      badRows: new KinesisBadRowSink({ kinesis, streamName: BAD_ROWS_STREAM.streamName }),
      logger: silent(),
      metrics: null, // EMF lines on stdout would mix with the benchmark's JSON
    });
    const began = performance.now();
    const cpuMicros = await invokeAll(handler, batches);
    const wallMs = performance.now() - began;
    const beforeStore = await invokeAll(createReportsHandler({ store: new StateOnlyWriter(), badRows: new KinesisBadRowSink({ kinesis, streamName: BAD_ROWS_STREAM.streamName }), logger: silent(), metrics: null }), batches);
    return {
      writes: counter.writes(),
      byCommand: { ...counter.byCommand },
      cpuMicrosPerEvent: round1(cpuMicros / events),
      beforeStoreCpuMicrosPerEvent: round1(beforeStore / events),
      wallMs: Math.round(wallMs),
    };
  } finally {
    dynamodb.destroy();
    kinesis.destroy();
  }
}

/**
 * Runs the real report handler (DynamoReportStore on dynalite, KinesisBadRowSink on kinesalite,
 * both in the child process) over the events, cut as Lambda would cut them: two shards by
 * partition key (`domain_userid`), 500-record batches. Counts the write requests its DynamoDB
 * client sends (countWrites) beside the naive one-update-per-event-per-report count of the same
 * events, and the CPU this process spends in the invocations; then, for comparison, the CPU of
 * the same handler over a writer that writes nothing. One warm-up round (the first 10 batches),
 * then `rounds` rounds, each on a fresh table.
 */
export async function measureWrites(child: ServicesChild, generated: readonly GeneratedEvent[], rounds: number): Promise<WritesResult> {
  const batches = shardBatches(
    generated.map((g) => ({ line: g.line, partitionKey: g.event.domain_userid ?? g.event.event_id ?? 'none' })),
    SHARDS,
    BATCH_SIZE,
  );
  const results: WritesRound[] = [];
  // The warm-up round runs the first batches only: enough for the JIT, and the bench stays short.
  await runRound(child, batches.slice(0, WARM_UP_BATCHES), generated.length, 'snowline-reports-bench-warm-up');
  for (let round = 1; round <= rounds; round++) results.push(await runRound(child, batches, generated.length, `snowline-reports-bench-${round}`));
  const first = results[0]!;
  const reads = Object.entries(first.byCommand).reduce((sum, [command, n]) => sum + (WRITE_COMMANDS.has(command) ? 0 : n), 0);
  const naive = naiveWriteCount(generated.map((g) => g.event));
  const per1000 = (n: number) => round1((n / generated.length) * 1000);
  return {
    batches: batches.length,
    shards: SHARDS,
    batchSize: BATCH_SIZE,
    rounds: results,
    writesPer1000Events: per1000(median(results.map((r) => r.writes))),
    readsPer1000Events: per1000(reads),
    naiveWritesPer1000Events: per1000(naive),
    fewerWritesThanNaive: round1(naive / median(results.map((r) => r.writes))),
    cpuMicrosPerEvent: { rounds: results.map((r) => r.cpuMicrosPerEvent), median: round1(median(results.map((r) => r.cpuMicrosPerEvent))) },
    beforeStoreCpuMicrosPerEvent: {
      rounds: results.map((r) => r.beforeStoreCpuMicrosPerEvent),
      median: round1(median(results.map((r) => r.beforeStoreCpuMicrosPerEvent))),
    },
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
