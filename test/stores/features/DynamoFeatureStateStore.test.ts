import { GetItemCommand, ProvisionedThroughputExceededException, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoFeatureStateStore, countFeatureRequests, CorruptProfileError, InvalidFeatureStoreOptionError } from '../../../stores/features';
import { injectFault, NO_WAIT, startFeaturesDb, type FeaturesDb } from './helpers';

const HOUR = 3_600_000;
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

describe('DynamoFeatureStateStore', () => {
  it('writes a bucket of 250 entries in 3 updates and reads them back from that bucket on, not before', async () => {
    const { store, client } = await fresh();
    const counter = countFeatureRequests({ dynamodb: client });
    const entries = Array.from({ length: 250 }, (_, i) => [`fp${String(i).padStart(9, '0')}`, `entry ${i}`] as const);
    await store.writeBucket('user_activity#u1', T0 + HOUR, entries, T0 + 27 * HOUR);
    await store.writeBucket('user_activity#u1', T0, [['old', 'earlier bucket']], T0 + 26 * HOUR);
    await store.writeBucket('user_activity#u2', T0 + HOUR, [['other', 'another entity']], T0 + 27 * HOUR);
    expect(counter.stateWrites()).toBe(5);
    const read = await store.readEntity('user_activity#u1', T0 + HOUR);
    expect(read.entries).toEqual(new Map(entries));
    expect(read.profile).toBeNull();
    expect((await store.readEntity('user_activity#u1', T0)).entries.get('old')).toBe('earlier bucket');
  });

  it('a bucket whose item reaches 400 KB spills into further items, which the same read returns', async () => {
    const { store, client, tableName } = await fresh();
    const entries = Array.from({ length: 250 }, (_, i) => [`fp${String(i).padStart(9, '0')}`, `${i}\t`.padEnd(3000, 'x')] as const);
    await store.writeBucket('user_activity#bot', T0, entries, T0 + 26 * HOUR);
    const fresher = new DynamoFeatureStateStore({ dynamodb: client, tableName, retry: NO_WAIT });
    expect((await fresher.readEntity('user_activity#bot', T0)).entries).toEqual(new Map(entries));
    const { Items = [] } = await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'user_activity#bot' } } }));
    expect(Items.map((item) => item.sk!.S)).toEqual(['b#2026-11-22T10:00:00.000Z', 'b#2026-11-22T10:00:00.000Z#1', 'b#2026-11-22T10:00:00.000Z#2']);
    // a later write goes to the last item the read saw
    await fresher.writeBucket('user_activity#bot', T0, [['late', 'one more']], T0 + 26 * HOUR);
    expect((await store.readEntity('user_activity#bot', T0)).entries.get('late')).toBe('one more');
    const last = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'user_activity#bot' }, sk: { S: 'b#2026-11-22T10:00:00.000Z#2' } } }));
    expect(last.Item?.['e:late']?.S).toBe('one more');
  });

  it('setting the same entries again changes nothing', async () => {
    const { store } = await fresh();
    await store.writeBucket('g#x', T0, [['a', '1'], ['b', '2']], T0 + 26 * HOUR);
    await store.writeBucket('g#x', T0, [['a', '1']], T0 + 26 * HOUR);
    expect((await store.readEntity('g#x', T0)).entries).toEqual(new Map([['a', '1'], ['b', '2']]));
  });

  it('profiles are written with optimistic locking: a stale version loses', async () => {
    const { store } = await fresh();
    const p1 = { version: 1, facts: { last_event_name: { key: '001#a', value: 'page_view' } } };
    expect(await store.writeProfile('g#x', p1, null, T0)).toBe(true);
    expect(await store.writeProfile('g#x', { ...p1, version: 1 }, null, T0)).toBe(false);
    const p2 = { version: 2, facts: { last_event_name: { key: '002#b', value: 'link_click' } } };
    expect(await store.writeProfile('g#x', p2, 0, T0)).toBe(false);
    expect(await store.writeProfile('g#x', p2, 1, T0)).toBe(true);
    expect(await store.readProfile('g#x')).toEqual(p2);
    expect((await store.readEntity('g#x', T0)).profile).toEqual(p2);
  });

  it('throttled writes and reads are retried', async () => {
    const { store, client } = await fresh();
    const writes = injectFault(client, { command: 'UpdateItemCommand', phase: 'before', times: 3, error: throttled });
    const reads = injectFault(client, { command: 'QueryCommand', phase: 'before', times: 2, error: throttled });
    await store.writeBucket('g#x', T0, [['a', '1']], T0);
    expect((await store.readEntity('g#x', T0)).entries).toEqual(new Map([['a', '1']]));
    expect([writes.injected, writes.seen, reads.injected, reads.seen]).toEqual([3, 4, 2, 3]);
  });

  it('a profile that is not ours is a CorruptProfileError naming the entity', async () => {
    const { store, client, tableName } = await fresh();
    await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'g#x' }, sk: { S: 'p' }, v: { N: '1' }, f: { S: 'not json' } } }));
    await expect(store.readProfile('g#x')).rejects.toMatchObject({ name: 'CorruptProfileError', entityKey: 'g#x', message: 'feature state of g#x: profile item facts (f) are not JSON' });
    await expect(store.readProfile('g#x')).rejects.toBeInstanceOf(CorruptProfileError);
  });

  it('a retry option out of range names the option', () => {
    expect(() => new DynamoFeatureStateStore({ dynamodb: db.client(), retry: { maxAttempts: 0 } })).toThrow(new InvalidFeatureStoreOptionError('retry.maxAttempts', 0, 'a whole number from 1 to 20'));
  });
});
