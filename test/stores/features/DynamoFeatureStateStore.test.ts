import { GetItemCommand, ProvisionedThroughputExceededException, PutItemCommand, QueryCommand, type AttributeValue, type QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityState, StateWrite } from '../../../lib/features';
import { DynamoFeatureStateStore, countFeatureRequests, CorruptStateError, InvalidFeatureStoreOptionError } from '../../../stores/features';
import { injectFault, NO_WAIT, startFeaturesDb, type FeaturesDb } from './helpers';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-22T10:00:00.000Z');
const throttled = () => new ProvisionedThroughputExceededException({ message: 'throttled (injected)', $metadata: { httpStatusCode: 400 } });

let db: FeaturesDb;
beforeAll(async () => {
  db = await startFeaturesDb();
});
afterAll(async () => {
  await db?.close();
});

async function fresh() {
  const tableName = await db.freshTable();
  const client = db.client();
  return { tableName, client, store: new DynamoFeatureStateStore({ dynamodb: client, tableName, retry: NO_WAIT }) };
}

const state = (version: number, n: number, tag = 'x'): EntityState => ({
  version,
  entries: new Map(Array.from({ length: n }, (_, i) => [`fp${String(i).padStart(9, '0')}`, `${i}\tv\t/${tag}`] as const)),
  facts: { last_event_name: { key: `00${version}#e`, value: 'page_view' } },
});
const write = (entityKey: string, s: EntityState): StateWrite => ({ entityKey, state: s, expectedVersion: s.version - 1, expiresAtMs: T0 + 30 * DAY });

describe('DynamoFeatureStateStore', () => {
  it('writes 60 entities in 3 BatchWriteItems and reads 250 keys back in 3 BatchGetItems, absent ones at version 0', async () => {
    const { store, client } = await fresh();
    const counter = countFeatureRequests({ dynamodb: client });
    const writes = Array.from({ length: 60 }, (_, i) => write(`user_activity#u${i}`, state(1, 1 + (i % 7), `p${i}`)));
    expect(await store.writeOwned(writes)).toEqual(new Map());
    expect(counter.byCommand).toEqual({ BatchWriteItemCommand: 3 });
    const keys = Array.from({ length: 250 }, (_, i) => `user_activity#u${i}`);
    const read = await store.readEntities(keys);
    expect(counter.byCommand).toEqual({ BatchWriteItemCommand: 3, BatchGetItemCommand: 3 });
    for (const w of writes) expect(read.get(w.entityKey)).toEqual(w.state);
    expect(read.get('user_activity#u200')).toEqual({ version: 0, entries: new Map(), facts: {} });
    expect(await store.readVersions(['user_activity#u3', 'user_activity#u999'])).toEqual(new Map([['user_activity#u3', 1], ['user_activity#u999', 0]]));
  });

  it('a state past 350 KB of entries overflows into items named by a fresh chunk id, which the same read returns', async () => {
    const { store, client, tableName } = await fresh();
    const big: EntityState = { version: 1, entries: new Map(Array.from({ length: 300 }, (_, i) => [`fp${String(i).padStart(9, '0')}`, `${i}\tv\t`.padEnd(3000, 'x')] as const)), facts: {} };
    expect(await store.writeOwned([write('product_activity#hot', big)])).toEqual(new Map());
    expect((await store.readEntities(['product_activity#hot'])).get('product_activity#hot')).toEqual(big);
    const sortKeys = async () => {
      const keys: string[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page: QueryCommandOutput = await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'product_activity#hot' } }, ExclusiveStartKey: start }));
        keys.push(...(page.Items ?? []).map((i) => i.sk!.S!));
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return keys;
    };
    const first = await sortKeys();
    expect(first.length).toBe(3); // the state item and 2 overflow items (900 KB of entries)
    expect(first.filter((sk) => sk.startsWith('s#1.')).length).toBe(2);
    // a conditional write of the next version names new overflow items; the old ones are never overwritten
    const bigger: EntityState = { ...big, version: 2, entries: new Map([...big.entries, ['late', '1\tv\t/late']]) };
    expect(await store.writeConditional(write('product_activity#hot', bigger))).toBe(true);
    expect((await store.readEntities(['product_activity#hot'])).get('product_activity#hot')).toEqual(bigger);
    expect((await sortKeys()).filter((sk) => sk.startsWith('s#2.')).length).toBe(2);
  });

  it('conditional writes: a stale version loses and changes nothing', async () => {
    const { store } = await fresh();
    expect(await store.writeConditional(write('g#x', state(1, 2)))).toBe(true);
    expect(await store.writeConditional(write('g#x', state(1, 3)))).toBe(false);
    expect(await store.writeConditional({ ...write('g#x', state(2, 5)), expectedVersion: 0 })).toBe(false);
    expect(await store.writeConditional(write('g#x', state(2, 4)))).toBe(true);
    expect((await store.readEntities(['g#x'])).get('g#x')).toEqual(state(2, 4));
  });

  it('throttled batch writes, batch reads and conditional writes are retried', async () => {
    const { store, client } = await fresh();
    const batchWrites = injectFault(client, { command: 'BatchWriteItemCommand', phase: 'before', times: 3, error: throttled });
    const batchReads = injectFault(client, { command: 'BatchGetItemCommand', phase: 'before', times: 2, error: throttled });
    const puts = injectFault(client, { command: 'PutItemCommand', phase: 'before', times: 2, error: throttled });
    expect(await store.writeOwned([write('g#x', state(1, 1))])).toEqual(new Map());
    expect(await store.writeConditional(write('g#y', state(1, 2)))).toBe(true);
    expect((await store.readEntities(['g#x', 'g#y'])).get('g#x')).toEqual(state(1, 1));
    expect([batchWrites.injected, batchWrites.seen, batchReads.injected, batchReads.seen, puts.injected, puts.seen]).toEqual([3, 4, 2, 3, 2, 3]);
  });

  it('a batch write that keeps failing names its entities, and only those of its request', async () => {
    const { tableName, client } = await fresh();
    const store = new DynamoFeatureStateStore({ dynamodb: client, tableName, retry: { ...NO_WAIT, maxAttempts: 2 } });
    injectFault(client, { command: 'BatchWriteItemCommand', phase: 'before', when: (input) => JSON.stringify(input).includes('g#u30"'), error: throttled });
    const writes = Array.from({ length: 40 }, (_, i) => write(`g#u${i}`, state(1, 1)));
    const failures = await store.writeOwned(writes);
    expect([...failures.keys()]).toEqual(writes.slice(25).map((w) => w.entityKey));
    expect(failures.get('g#u30')?.message).toBe('throttled (injected)');
    expect((await store.readVersions(['g#u0', 'g#u24', 'g#u25']))).toEqual(new Map([['g#u0', 1], ['g#u24', 1], ['g#u25', 0]]));
  });

  it('a state item that is not ours is a CorruptStateError naming the entity', async () => {
    const { store, client, tableName } = await fresh();
    await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'g#x' }, sk: { S: 's' }, v: { N: '1' }, f: { S: 'not json' } } }));
    await expect(store.readEntities(['g#x'])).rejects.toMatchObject({ name: 'CorruptStateError', entityKey: 'g#x', message: 'feature state of g#x: facts (f) are not JSON' });
    await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'g#y' }, sk: { S: 's' }, v: { N: '1' }, f: { S: '{}' }, c: { N: '1' }, ci: { S: '1.gone' } } }));
    await expect(store.readEntities(['g#y'])).rejects.toThrow(new CorruptStateError('g#y', 'overflow item s#1.gone#1 is missing'));
    expect((await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'g#y' }, sk: { S: 's' } } }))).Item?.v).toEqual({ N: '1' });
  });

  it('entries past one write unit are stored deflated (a user-like item at a third of its text), smaller ones as text; both read', async () => {
    const { store, client, tableName } = await fresh();
    const session = 'c6ef3124-b53a-4b13-a233-0088f79dcbcb';
    const user: EntityState = { version: 1, entries: new Map(Array.from({ length: 30 }, (_, i) => [`fp${String(i).padStart(10, '0')}`, `mi9x7k${String(i).padStart(2, '0')}\tv\t\t/products/SKU-000${i % 4}\t${session}`] as const)), facts: {} };
    expect(await store.writeOwned([write('user_activity#u1', user)])).toEqual(new Map());
    const item = (await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'user_activity#u1' }, sk: { S: 's' } } }))).Item!;
    const text = [...user.entries].map(([k, v]) => `${k}\t${v}`).join('\n');
    expect(item.e).toBeUndefined();
    expect(item.z!.B!.length).toBeLessThan(Buffer.byteLength(text) / 3);
    expect((await store.readEntities(['user_activity#u1'])).get('user_activity#u1')).toEqual(user);
    const small: EntityState = { ...user, entries: new Map([...user.entries].slice(0, 5)) };
    expect(await store.writeOwned([write('user_activity#u2', small)])).toEqual(new Map());
    const smallItem = (await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'user_activity#u2' }, sk: { S: 's' } } }))).Item!;
    expect([smallItem.z, smallItem.e?.S]).toEqual([undefined, text.split('\n').slice(0, 5).join('\n')]);
    expect((await store.readEntities(['user_activity#u2'])).get('user_activity#u2')).toEqual(small);
    await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'user_activity#u3' }, sk: { S: 's' }, v: { N: '1' }, f: { S: '{}' }, z: { B: Buffer.from(text) } } }));
    await expect(store.readEntities(['user_activity#u3'])).rejects.toMatchObject({ name: 'CorruptStateError', entityKey: 'user_activity#u3', message: expect.stringMatching(/^feature state of user_activity#u3: entries \(z\) do not inflate/) });
  });

  it('a retry option out of range names the option', () => {
    expect(() => new DynamoFeatureStateStore({ dynamodb: db.client(), retry: { maxAttempts: 0 } })).toThrow(new InvalidFeatureStoreOptionError('retry.maxAttempts', 0, 'a whole number from 1 to 20'));
  });
});
