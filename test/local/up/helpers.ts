import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import type { TableDefinition } from '../../../stacks/config';
import type { Endpoints, PortName } from '../../../local/up';

/** Every port 0: each service gets a free one, so tests never collide with a running stack. */
export const FREE_PORTS: Record<PortName, number> = {
  kinesis: 0,
  dynamodb: 0,
  featurestore: 0,
  sagemaker: 0,
  modelServer: 0,
  postgres: 0,
  http: 0,
};

/** A table for the tests, beside whatever `TABLES` defines. */
export const TEST_TABLE: TableDefinition = { tableName: 'snowline-test-reports', partitionKey: { name: 'pk', type: 'S' } };

/**
 * A temporary data dir others can enter: as root, PostgreSQL runs as another user, and mkdtemp's
 * directories are private.
 */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snowline-up-test-'));
  await chmod(dir, 0o755);
  return dir;
}

/** Removes a temporary data dir. */
export const removeDir = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });

/** Every record in every shard of a stream, as text, shard by shard. */
export async function readStream(kinesis: KinesisClient, streamName: string): Promise<string[]> {
  const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: streamName }));
  const texts: string[] = [];
  for (const shard of Shards) {
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const out = await kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: 10_000 }));
    texts.push(...(out.Records ?? []).map((r) => Buffer.from(r.Data!).toString('utf8')));
  }
  return texts;
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The pid in a cluster's postmaster.pid, or undefined. */
export async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(join(dataDir, 'postgres', 'data', 'postmaster.pid'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : Number.parseInt(text, 10);
}

/** The entries of a directory, sorted; empty when it does not exist. */
export const entries = async (dir: string): Promise<string[]> => (await readdir(dir).catch(() => [])).sort();

/** The port of every service, read back from its endpoints. */
export function portsOf(endpoints: Endpoints): Record<PortName, number> {
  const port = (url: string): number => Number(new URL(url).port);
  return {
    kinesis: port(endpoints.kinesis),
    dynamodb: port(endpoints.dynamodb),
    featurestore: port(endpoints.featurestore),
    sagemaker: port(endpoints.sagemaker),
    modelServer: port(endpoints.modelServer),
    postgres: port(endpoints.postgres),
    http: port(endpoints.http),
  };
}
