import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import {
  GetRecordCommand,
  PutRecordCommand as PutFeatureRecordCommand,
  SageMakerFeatureStoreRuntimeClient,
} from '@aws-sdk/client-sagemaker-featurestore-runtime';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isProcessAlive, terminatePostmaster } from '../../../local/postgres';
import { readEndpoints, sdkClientConfig, startStack, type Endpoints, type LocalStack } from '../../../local/up';
import { TABLES } from '../../../stacks/config';
import { portsOf, postmasterPid, readStream, removeDir, tempDataDir, TEST_TABLE } from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function sql(endpoint: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: endpoint, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function startChild(dataDir: string): Promise<{ endpoints: Endpoints; kill: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'runStack.ts'), dataDir], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => void child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the child did not start the stack in 45 s')), 45_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve({
        endpoints: JSON.parse(line) as Endpoints,
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`the child exited with ${code}`)));
  });
}

describe('snowline up after a SIGKILL', () => {
  it('loses nothing acknowledged and starts cleanly on the same data dir, stopping the PostgreSQL left behind', async () => {
    const dataDir = await tempDataDir();
    cleanups.push(() => removeDir(dataDir));

    // Prepare: a stack in a child process, one acknowledged write to each store.
    const child = await startChild(dataDir);
    const orphan = (await postmasterPid(dataDir))!;
    cleanups.push(async () => void (await terminatePostmaster(orphan, { fastShutdown: 2_000 })));
    const kinesis = new KinesisClient(sdkClientConfig(child.endpoints, 'kinesis'));
    const dynamodb = new DynamoDBClient(sdkClientConfig(child.endpoints, 'dynamodb'));
    const featureStore = new SageMakerFeatureStoreRuntimeClient(sdkClientConfig(child.endpoints, 'featurestore'));
    await kinesis.send(new PutRecordCommand({ StreamName: 'snowline-bad-rows', PartitionKey: 'k', Data: Buffer.from('acknowledged') }));
    await dynamodb.send(new PutItemCommand({ TableName: TEST_TABLE.tableName, Item: { pk: { S: 'acked' } } }));
    await featureStore.send(
      new PutFeatureRecordCommand({
        FeatureGroupName: 'user_activity',
        Record: [
          { FeatureName: 'domain_userid', ValueAsString: 'u-1' },
          { FeatureName: 'event_time', ValueAsString: '2026-11-22T10:00:00.000Z' },
          { FeatureName: 'events_1h', ValueAsString: '9' },
        ],
      }),
    );
    await sql(child.endpoints.postgres, "CREATE TABLE acked (id int); INSERT INTO acked VALUES (7)");
    for (const client of [kinesis, dynamodb, featureStore]) client.destroy();

    // Act: kill the process that owns everything, then start again on the same data dir and the
    // same ports, one of which the PostgreSQL left behind still holds.
    await child.kill();
    expect(await isProcessAlive(orphan)).toBe(true);
    const ports = portsOf(child.endpoints);
    const stack: LocalStack = await startStack({ dataDir, ports, tables: [...TABLES, TEST_TABLE] });
    cleanups.push(async () => void (await stack.close()));

    // Assess
    expect(stack.postgres.previousRun).toEqual({ kind: 'stopped', pid: orphan, signal: 'SIGINT' });
    expect(await isProcessAlive(orphan)).toBe(false);
    expect((await readEndpoints(dataDir)).pid).toBe(process.pid);
    expect(stack.ports).toEqual(ports);
    const k = new KinesisClient(sdkClientConfig(stack.endpoints, 'kinesis'));
    const d = new DynamoDBClient(sdkClientConfig(stack.endpoints, 'dynamodb'));
    const f = new SageMakerFeatureStoreRuntimeClient(sdkClientConfig(stack.endpoints, 'featurestore'));
    try {
      expect(await readStream(k, 'snowline-bad-rows')).toEqual(['acknowledged']);
      expect((await d.send(new GetItemCommand({ TableName: TEST_TABLE.tableName, Key: { pk: { S: 'acked' } } }))).Item).toEqual({ pk: { S: 'acked' } });
      const record = await f.send(new GetRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u-1' }));
      expect(record.Record?.find((x) => x.FeatureName === 'events_1h')?.ValueAsString).toBe('9');
      expect(await sql(stack.endpoints.postgres, 'SELECT id FROM acked')).toEqual([{ id: 7 }]);
    } finally {
      for (const client of [k, d, f]) client.destroy();
    }
  });
});
