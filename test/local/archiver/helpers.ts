/** Builders for the archiver suites: generated traffic as Lambda's Kinesis events, and reading the archive back. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { KinesisStreamEvent } from 'aws-lambda';
import { generateEvents, type GeneratedEvent } from '../../../lib/generator';
import { buildMappingIdentity, toKinesisStreamRecord } from '../../../local/esm';

/** The generated traffic the suites archive (seeded; some duplicates). */
export function traffic(events: number, seed = 7): GeneratedEvent[] {
  return [...generateEvents({ events, seed, users: 60, sessionsPerMinute: 40, duplicateRatio: 0.05, lateRatio: 0.02 })];
}

const IDENTITY = buildMappingIdentity({ region: 'us-east-1', account: '000000000000', streamName: 'snowline-enriched', functionName: 'archiver' });

/** Lines as one Lambda Kinesis event, one line a record, numbered from `firstSequence`. */
export function kinesisEvent(lines: readonly string[], shardId = 'shardId-000000000000', firstSequence = 1): KinesisStreamEvent {
  return {
    Records: lines.map((line, i) =>
      toKinesisStreamRecord({ Data: Buffer.from(line), SequenceNumber: String(firstSequence + i), PartitionKey: `pk-${i}`, ApproximateArrivalTimestamp: new Date(1_763_805_600_000) }, shardId, IDENTITY),
    ),
  };
}

/** Every archive file under `<lakeDir>/events`, relative, sorted. */
export async function archiveFiles(lakeDir: string): Promise<string[]> {
  const root = join(lakeDir, 'events');
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((e) => e.endsWith('.parquet')).sort();
}

/** Runs SQL in a fresh DuckDB and returns the rows as JSON objects. */
export async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** `read_parquet` of the whole archive, with the `date` partition column. */
export const archiveSql = (lakeDir: string): string => `read_parquet('${join(lakeDir, 'events', '*', '*.parquet')}', hive_partitioning = 1)`;
