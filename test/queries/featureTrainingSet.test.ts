import { join } from 'node:path';
import { DeleteRecordCommand, PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineStoreFiles, placeholdersOf, runDuckDbQuery, toDuckDb } from '../../lib/queries';
import { USER_ACTIVITY } from '../../schemas/feature-groups';
import { manualClock, readQuery, scratchDir, startOfflineStore, userRecord, writeEventsParquet, type ArchivedEvent } from './helpers';

const FEATURES = USER_ACTIVITY.features.map((f) => f.name).filter((name) => name !== 'domain_userid' && name !== 'event_time');

let rows: Record<string, unknown>[];
let remove: () => Promise<void>;

const pageView = (event_id: string, user: string | null, derived: string | null, collector = derived ?? ''): ArchivedEvent => ({
  event_id,
  event_name: 'page_view',
  domain_userid: user,
  derived_tstamp: derived,
  collector_tstamp: collector,
});
const order = (event_id: string, user: string, at: string): ArchivedEvent => ({ ...pageView(event_id, user, at), event_name: 'transaction' });

/** One expected output row: every feature NULL unless given. */
const expected = (event_id: string, domain_userid: string, label_time: string, label: number, feature_event_time: string | null, features: Record<string, unknown> = {}) => ({
  event_id,
  domain_userid,
  label_time,
  label,
  feature_event_time,
  ...Object.fromEntries(FEATURES.map((name) => [name, features[name] ?? null])),
});

beforeAll(async () => {
  // Prepare: an offline store written through the real SDK, one put a second by the clock.
  const dir = await scratchDir();
  remove = dir.remove;
  const clock = manualClock(Date.parse('2026-11-22T12:00:00Z'));
  const { service, client, close } = await startOfflineStore(dir.path, clock.now);
  const put = async (record: ReturnType<typeof userRecord>) => {
    await client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: record }));
    clock.advance(1_000);
  };
  try {
    await put(userRecord('u-1', '2026-11-22T10:00:00Z', { page_views_5m: 1, page_views_1h: 1, revenue_24h: 0, country: 'DE' }));
    await put(userRecord('u-1', '2026-11-22T10:20:00Z', { page_views_5m: 2, page_views_1h: 3, revenue_24h: 0, country: 'DE' }));
    await put(userRecord('u-1', '2026-11-22T10:40:00Z', { page_views_5m: 9, page_views_1h: 9, revenue_24h: 99.5, country: 'FR' }));
    await put(userRecord('u-2', '2026-11-22T11:00:00Z', { page_views_5m: 4 }));
    await put(userRecord('u-3', '2026-11-22T10:00:00Z', { page_views_5m: 5, device_class: 'Phone' }));
    await client.send(new DeleteRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u-3', EventTime: '2026-11-22T10:30:00Z' }));
    clock.advance(1_000);
    await put(userRecord('u-4', '2026-11-22T10:00:00Z', { page_views_5m: 6, last_event_name: 'page_view' }));
    await put(userRecord('u-4', '2026-11-22T10:00:00Z', { page_views_5m: 7, last_event_name: 'link_click' }));
    await put(userRecord('u-5', '2026-11-22T10:00:00Z', { page_views_5m: 8 }));
    await put(userRecord('u-5', '2026-11-22T09:50:00Z', { page_views_5m: 3, is_logged_in: 1 }));
    await put(userRecord('u-6', '2026-11-22T10:00:00.250Z', { page_views_5m: 1, sessions_24h: 2 }));
    await service.flushOfflineStore();
  } finally {
    await close();
  }
  const groupFolder = service.offlineStoreLocation('user_activity')!;

  const eventsFile = join(dir.path, 'events.parquet');
  await writeEventsParquet(eventsFile, [
    pageView('e01', 'u-1', '2026-11-22 10:10:00', '2026-11-22 10:10:01'),
    pageView('e01', 'u-1', '2026-11-22 10:10:00', '2026-11-22 10:10:01'),
    { ...pageView('c01', 'u-1', '2026-11-22 10:12:00'), event_name: 'link_click' },
    pageView('e02', 'u-1', '2026-11-22 10:20:00'),
    pageView('e03', 'u-1', null, '2026-11-22 10:30:00'),
    order('t01', 'u-1', '2026-11-22 10:45:00'),
    pageView('e04', 'u-2', '2026-11-22 10:50:00'),
    order('t02', 'u-2', '2026-11-22 11:20:00'),
    pageView('e05', 'u-3', '2026-11-22 10:15:00'),
    order('t03', 'u-3', '2026-11-22 10:15:00'),
    pageView('e06', 'u-3', '2026-11-22 10:35:00'),
    pageView('e07', 'u-4', '2026-11-22 10:05:00'),
    pageView('e08', 'u-5', '2026-11-22 09:55:00'),
    pageView('e09', 'u-5', '2026-11-22 10:05:00'),
    pageView('e10', 'u-6', '2026-11-22 10:00:00'),
    pageView('e11', 'u-6', '2026-11-22 10:00:00.250'),
    order('t04', 'u-6', '2026-11-22 10:30:00.250'),
    pageView('e12', null, '2026-11-22 10:00:00'),
    pageView('e13', 'u-7', '2026-11-22 10:00:00'),
  ]);

  // Act
  const sql = await readQuery('feature_training_set.sql');
  rows = await runDuckDbQuery(toDuckDb(sql, { user_activity: { parquet: offlineStoreFiles(groupFolder) }, events: { parquet: eventsFile } }));
});

afterAll(async () => {
  await remove?.();
});

describe('queries/feature_training_set.sql on the local lake', () => {
  it('reads exactly the documented inputs and gives every user_activity feature', async () => {
    const sql = await readQuery('feature_training_set.sql');
    expect(placeholdersOf(sql)).toEqual(['events', 'user_activity']);
    expect(Object.keys(rows[0]!)).toEqual(['event_id', 'domain_userid', 'label_time', 'label', 'feature_event_time', ...FEATURES]);
  });

  it('gives, for a label time between two records, the earlier record, and never a record after the label time', () => {
    const u1 = rows.filter((row) => row.domain_userid === 'u-1');
    expect(u1).toEqual([
      expected('e01', 'u-1', '2026-11-22 10:10:00', 0, '2026-11-22 10:00:00', { page_views_5m: 1, page_views_1h: 1, revenue_24h: 0, country: 'DE' }),
      expected('e02', 'u-1', '2026-11-22 10:20:00', 1, '2026-11-22 10:20:00', { page_views_5m: 2, page_views_1h: 3, revenue_24h: 0, country: 'DE' }),
      expected('e03', 'u-1', '2026-11-22 10:30:00', 1, '2026-11-22 10:20:00', { page_views_5m: 2, page_views_1h: 3, revenue_24h: 0, country: 'DE' }),
    ]);
    expect(rows.some((row) => row.feature_event_time === '2026-11-22 10:40:00')).toBe(false);
  });

  it('keeps a user with no features at the label time, with NULLs: no record before it, none at all, or a deletion', () => {
    expect(rows.filter((row) => ['u-2', 'u-3', 'u-7'].includes(row.domain_userid as string))).toEqual([
      expected('e04', 'u-2', '2026-11-22 10:50:00', 1, null),
      expected('e05', 'u-3', '2026-11-22 10:15:00', 0, '2026-11-22 10:00:00', { page_views_5m: 5, device_class: 'Phone' }),
      expected('e06', 'u-3', '2026-11-22 10:35:00', 0, null),
      expected('e13', 'u-7', '2026-11-22 10:00:00', 0, null),
    ]);
  });

  it('takes the last write among rows of one event time, and a late write from its event time on', () => {
    expect(rows.filter((row) => ['u-4', 'u-5'].includes(row.domain_userid as string))).toEqual([
      expected('e07', 'u-4', '2026-11-22 10:05:00', 0, '2026-11-22 10:00:00', { page_views_5m: 7, last_event_name: 'link_click' }),
      expected('e08', 'u-5', '2026-11-22 09:55:00', 0, '2026-11-22 09:50:00', { page_views_5m: 3, is_logged_in: 1 }),
      expected('e09', 'u-5', '2026-11-22 10:05:00', 0, '2026-11-22 10:00:00', { page_views_5m: 8 }),
    ]);
  });

  it('compares times to the millisecond, labels over (label_time, label_time + 30 min], counts a duplicate event once and skips events without a user', () => {
    expect(rows.filter((row) => row.domain_userid === 'u-6')).toEqual([
      expected('e10', 'u-6', '2026-11-22 10:00:00', 0, null),
      expected('e11', 'u-6', '2026-11-22 10:00:00.25', 1, '2026-11-22 10:00:00.25', { page_views_5m: 1, sessions_24h: 2 }),
    ]);
    expect(rows.map((row) => row.event_id)).toEqual(['e01', 'e02', 'e03', 'e04', 'e05', 'e06', 'e07', 'e08', 'e09', 'e10', 'e11', 'e13']);
  });
});
