import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { TableDefinition } from '../../../stacks/config';
import {
  createLocalDynamoDbClient,
  createTables,
  InvalidTableDefinitionError,
  startDynamoDb,
  TableKeyMismatchError,
  toCreateTableInput,
  type DynamoDbService,
} from '../../../local/dynamodb';
import { PortInUseError } from '../../../local/http';

const REPORTS: TableDefinition = {
  tableName: 'snowline-test-reports',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'window_start', type: 'N' },
  globalSecondaryIndexes: [{ indexName: 'by-report', partitionKey: { name: 'report', type: 'S' }, sortKey: { name: 'window_start', type: 'N' } }],
};
const DEDUP: TableDefinition = { tableName: 'snowline-test-dedup', partitionKey: { name: 'event_id', type: 'S' }, timeToLiveAttribute: 'expires_at' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function start(options: Parameters<typeof startDynamoDb>[0] = {}): Promise<DynamoDbService> {
  const service = await startDynamoDb(options);
  cleanups.push(() => service.close());
  return service;
}

function client(endpoint: string) {
  const c = createLocalDynamoDbClient(endpoint);
  cleanups.push(async () => c.destroy());
  return c;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snowline-dynamodb-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('startDynamoDb', () => {
  it('starts in memory and creates the defined tables with their keys and indexes', async () => {
    const service = await start({ tables: [REPORTS, DEDUP] });
    const dynamodb = client(service.endpoint);

    expect(service.name).toBe('dynamodb');
    expect(service.path).toBeUndefined();
    expect(service.endpoint).toBe(`http://127.0.0.1:${service.port}`);
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(['snowline-test-dedup', 'snowline-test-reports']);
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: 'snowline-test-reports' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'window_start', KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus, i.Projection?.ProjectionType])).toEqual([
      ['by-report', 'ACTIVE', 'ALL'],
    ]);
  });

  it('keeps tables and items on disk across a restart, and createTables is idempotent', async () => {
    const dataDir = await tempDir();
    const first = await startDynamoDb({ dataDir, tables: [DEDUP] });
    const writer = createLocalDynamoDbClient(first.endpoint);
    await writer.send(new PutItemCommand({ TableName: DEDUP.tableName, Item: { event_id: { S: 'e-1' }, n: { N: '7' } } }));
    writer.destroy();
    await first.close();

    const second = await start({ dataDir, tables: [DEDUP] });
    const reader = client(second.endpoint);
    expect(second.path).toBe(join(dataDir, 'dynamodb'));
    const { Item } = await reader.send(new GetItemCommand({ TableName: DEDUP.tableName, Key: { event_id: { S: 'e-1' } } }));
    expect(Item).toEqual({ event_id: { S: 'e-1' }, n: { N: '7' } });
    await createTables(reader, [DEDUP]);
    expect((await reader.send(new ListTablesCommand({}))).TableNames).toEqual(['snowline-test-dedup']);
  });

  it('refuses an existing table whose keys differ from its definition, saying how to recreate it', async () => {
    const service = await start({ tables: [DEDUP] });
    const changed: TableDefinition = { ...DEDUP, partitionKey: { name: 'id', type: 'S' } };
    const error = await createTables(service.endpoint, [changed]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableKeyMismatchError);
    expect((error as Error).message).toBe(
      "table 'snowline-test-dedup' exists with key schema event_id:HASH, but its definition says id:HASH; start with --fresh (or delete the table) to recreate it",
    );
  });

  it('names the table and field of an invalid definition', () => {
    expect(() => toCreateTableInput({ tableName: 'x', partitionKey: { name: 'pk', type: 'S' } })).toThrow(
      new InvalidTableDefinitionError('x', 'tableName', 'must match [a-zA-Z0-9_.-]{3,255}'),
    );
    const conflicting: TableDefinition = {
      tableName: 'reports',
      partitionKey: { name: 'pk', type: 'S' },
      globalSecondaryIndexes: [{ indexName: 'i', partitionKey: { name: 'pk', type: 'N' } }],
    };
    expect(() => toCreateTableInput(conflicting)).toThrow("table definition 'reports': globalSecondaryIndexes[0].partitionKey gives attribute 'pk' type N, elsewhere S");
  });

  it('rejects a port in use with PortInUseError naming the port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    const error = await startDynamoDb({ port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).port).toBe(port);
  });
});
