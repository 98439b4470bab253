import { DeleteRecordCommand, GetRecordCommand, PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, queryDuckDb, scratchDir, sdkError, startTestService, userRecord } from './helpers';

const START = Date.parse('2026-11-22T12:00:00.000Z');
const CREATION = START / 1000;
let root: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  const dir = await scratchDir();
  root = dir.path;
  removeDir = dir.remove;
});

afterAll(async () => {
  await removeDir();
});

const lake = () => join(root, 'lake', 'feature-store');
const groupDir = (group: string) => join(lake(), '000000000000', 'sagemaker', 'us-east-1', 'offline-store', `${group}-${CREATION}`);
const parquet = (group: string) => `'${groupDir(group)}/data/**/*.parquet'`;

describe('the offline store', () => {
  it('appends every accepted record as Parquet, in the offline store layout, readable by DuckDB', async () => {
    // Prepare
    const clock = manualClock(START);
    const { service, client, close } = await startTestService(root, { now: clock.now });
    const put = (Record: { FeatureName: string; ValueAsString: string }[], FeatureGroupName = 'user_activity', TargetStores?: ('OnlineStore' | 'OfflineStore')[]) =>
      client.send(new PutRecordCommand({ FeatureGroupName, Record, TargetStores }));

    // Act
    await put(userRecord('u-1', '2026-11-22T10:15:00.250Z', { page_views_5m: '3', revenue_24h: '12.5', country: 'DE' }));
    clock.advance(1_000);
    await put(userRecord('u-1', '2026-11-22T09:59:00Z', { page_views_5m: '1' }));
    await put(userRecord('u-2', '2026-11-22T10:40:00Z', { is_logged_in: '1' }), 'user_activity', ['OnlineStore']);
    await put(userRecord('u-3', '2026-11-22T10:41:00Z', { is_logged_in: '0' }), 'user_activity', ['OfflineStore']);
    await put([
      { FeatureName: 'sku', ValueAsString: 'SKU-9' },
      { FeatureName: 'event_time', ValueAsString: '2026-11-22T10:20:00Z' },
      { FeatureName: 'units_24h', ValueAsString: '2' },
    ], 'product_activity');
    clock.advance(1_000);
    await client.send(new DeleteRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u-1', EventTime: '2026-11-22T10:30:00Z' }));
    clock.set(START + 60_000);
    const files = await service.flushOfflineStore();

    // Assess: one file per group and hour, named after its latest event time
    const names = files.map((file) => relative(lake(), file).replace(/_[A-Za-z0-9]{16}\.parquet$/, '_<16>.parquet')).sort();
    expect(names).toEqual([
      `000000000000/sagemaker/us-east-1/offline-store/product_activity-${CREATION}/data/year=2026/month=11/day=22/hour=10/20261122T102000Z_<16>.parquet`,
      `000000000000/sagemaker/us-east-1/offline-store/user_activity-${CREATION}/data/year=2026/month=11/day=22/hour=09/20261122T095900Z_<16>.parquet`,
      `000000000000/sagemaker/us-east-1/offline-store/user_activity-${CREATION}/data/year=2026/month=11/day=22/hour=10/20261122T104100Z_<16>.parquet`,
    ]);
    expect(service.offlineStoreLocation('user_activity')).toBe(groupDir('user_activity'));

    // Assess: the older record stayed out of the online store, TargetStores were obeyed
    expect((await client.send(new GetRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u-3' }))).Record).toBeUndefined();
    expect((await client.send(new GetRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u-2' }))).Record).toHaveLength(3);

    const columns = await queryDuckDb(`DESCRIBE SELECT * FROM read_parquet(${parquet('user_activity')}, hive_partitioning = false)`);
    expect(columns.map((column) => [column.column_name, column.column_type])).toEqual([
      ['domain_userid', 'VARCHAR'],
      ['event_time', 'VARCHAR'],
      ['page_views_5m', 'BIGINT'],
      ['page_views_1h', 'BIGINT'],
      ['events_1h', 'BIGINT'],
      ['link_clicks_1h', 'BIGINT'],
      ['add_to_carts_1h', 'BIGINT'],
      ['transactions_24h', 'BIGINT'],
      ['revenue_24h', 'DOUBLE'],
      ['distinct_pages_1h', 'BIGINT'],
      ['sessions_24h', 'BIGINT'],
      ['last_event_name', 'VARCHAR'],
      ['device_class', 'VARCHAR'],
      ['country', 'VARCHAR'],
      ['is_logged_in', 'BIGINT'],
      ['write_time', 'TIMESTAMP'],
      ['api_invocation_time', 'TIMESTAMP'],
      ['is_deleted', 'BOOLEAN'],
    ]);

    const rows = await queryDuckDb(
      `SELECT domain_userid, event_time, page_views_5m::INTEGER AS page_views_5m, revenue_24h, country, is_logged_in::INTEGER AS is_logged_in,
              strftime(write_time, '%Y-%m-%dT%H:%M:%S') AS write_time, strftime(api_invocation_time, '%Y-%m-%dT%H:%M:%S') AS api_invocation_time,
              is_deleted, year::INTEGER AS year, month::INTEGER AS month, day::INTEGER AS day, hour::INTEGER AS hour
         FROM read_parquet(${parquet('user_activity')}, hive_partitioning = true)
        ORDER BY api_invocation_time, event_time`,
    );
    expect(rows).toEqual([
      { domain_userid: 'u-1', event_time: '2026-11-22T10:15:00.250Z', page_views_5m: 3, revenue_24h: 12.5, country: 'DE', is_logged_in: null, write_time: '2026-11-22T12:01:00', api_invocation_time: '2026-11-22T12:00:00', is_deleted: false, year: 2026, month: 11, day: 22, hour: 10 },
      { domain_userid: 'u-1', event_time: '2026-11-22T09:59:00Z', page_views_5m: 1, revenue_24h: null, country: null, is_logged_in: null, write_time: '2026-11-22T12:01:00', api_invocation_time: '2026-11-22T12:00:01', is_deleted: false, year: 2026, month: 11, day: 22, hour: 9 },
      { domain_userid: 'u-3', event_time: '2026-11-22T10:41:00Z', page_views_5m: null, revenue_24h: null, country: null, is_logged_in: 0, write_time: '2026-11-22T12:01:00', api_invocation_time: '2026-11-22T12:00:01', is_deleted: false, year: 2026, month: 11, day: 22, hour: 10 },
      { domain_userid: 'u-1', event_time: '2026-11-22T10:30:00Z', page_views_5m: null, revenue_24h: null, country: null, is_logged_in: null, write_time: '2026-11-22T12:01:00', api_invocation_time: '2026-11-22T12:00:02', is_deleted: true, year: 2026, month: 11, day: 22, hour: 10 },
    ]);
    const products = await queryDuckDb(`SELECT sku, units_24h::INTEGER AS units_24h, is_deleted FROM read_parquet(${parquet('product_activity')})`);
    expect(products).toEqual([{ sku: 'SKU-9', units_24h: 2, is_deleted: false }]);

    // Assess: nothing is left to write
    expect(await service.flushOfflineStore()).toEqual([]);
    await close();
  });

  it('keeps the group folder across restarts and writes the rest on close', async () => {
    const clock = manualClock(START + 3_600_000);
    const { client, close } = await startTestService(root, { now: clock.now });
    await client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: userRecord('u-4', '2026-11-22T13:00:00Z') }));
    await close();

    const folders = await readdir(join(lake(), '000000000000', 'sagemaker', 'us-east-1', 'offline-store'));
    expect(folders.sort()).toEqual([`product_activity-${CREATION}`, `user_activity-${CREATION}`]);
    const rows = await queryDuckDb(`SELECT domain_userid FROM read_parquet(${parquet('user_activity')}) WHERE event_time >= '2026-11-22T13' ORDER BY 1`);
    expect(rows).toEqual([{ domain_userid: 'u-4' }]);
  });

  it('rejects TargetStores naming a store the group does not have', async () => {
    const { client, close } = await startTestService(root);
    const error = await sdkError(
      client.send(
        new PutRecordCommand({
          FeatureGroupName: 'short_lived',
          Record: [{ FeatureName: 'id', ValueAsString: '1' }, { FeatureName: 'ts', ValueAsString: '1' }],
          TargetStores: ['OfflineStore'],
        }),
      ),
    );
    await close();
    expect(error).toEqual({ name: 'ValidationError', message: 'The FeatureGroup short_lived does not have an OfflineStore.', status: 400 });
  });
});
