import { describe, expect, it } from 'vitest';
import {
  collectEntityBatches,
  compileFeatureGroup,
  settleEntity,
  SettleError,
  type FeatureRecordWriter,
  type FeatureStateStore,
  type FeatureValue,
  type StoredEntity,
  type StoredProfile,
} from '../../../lib/features';
import { PRODUCT_ACTIVITY } from '../../../schemas/feature-groups';
import type { EnrichedEvent } from '../../../schemas/enriched-event';

const product = compileFeatureGroup(PRODUCT_ACTIVITY);
const T = Date.parse('2026-11-22T12:00:00.000Z');

/** An in-memory state with a hook run after each read: another shard's writes land there. */
class MemoryState implements FeatureStateStore {
  readonly buckets = new Map<string, Map<string, string>>();
  afterRead: (() => Promise<void>) | undefined;
  async readEntity(entityKey: string): Promise<StoredEntity> {
    const entries = new Map<string, string>();
    for (const [key, bucket] of this.buckets) if (key.startsWith(`${entityKey}|`)) for (const [fp, v] of bucket) entries.set(fp, v);
    const hook = this.afterRead;
    this.afterRead = undefined;
    await hook?.();
    return { entries, profile: null };
  }
  async readProfile(): Promise<StoredProfile | null> {
    return null;
  }
  async writeBucket(entityKey: string, bucketStartMs: number, entries: readonly (readonly [string, string])[]): Promise<void> {
    const key = `${entityKey}|${bucketStartMs}`;
    const bucket = this.buckets.get(key) ?? new Map<string, string>();
    for (const [fp, v] of entries) bucket.set(fp, v);
    this.buckets.set(key, bucket);
  }
  async writeProfile(): Promise<boolean> {
    return true;
  }
}

/** Feature Store's online rule: a same-or-newer EventTime replaces. */
class MemoryOnline implements FeatureRecordWriter {
  readonly records = new Map<string, Record<string, string>>();
  puts = 0;
  constructor(private readonly fail = false) {}
  async putRecord(_group: string, record: readonly FeatureValue[]): Promise<void> {
    this.puts++;
    if (this.fail) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const values = Object.fromEntries(record.map((v) => [v.FeatureName, v.ValueAsString]));
    const held = this.records.get(values.sku!);
    if (held === undefined || held.event_time! <= values.event_time!) this.records.set(values.sku!, values);
  }
}

const view = (id: string, t: number): { event: EnrichedEvent; line: string; eventTimeMs: number; sequenceNumber: string } => ({
  event: { event_id: id, event_name: 'page_view', event: 'page_view', page_urlpath: '/products/SKU-1' } as unknown as EnrichedEvent,
  line: id,
  eventTimeMs: t,
  sequenceNumber: '1',
});
const batchOf = (...events: ReturnType<typeof view>[]) => collectEntityBatches(events, [product]).get('product_activity#SKU-1')!;

describe('settleEntity', () => {
  it('another shard writing the same product between our read and our PutRecord: the record is computed again and written again', async () => {
    const state = new MemoryState();
    const online = new MemoryOnline();
    // shard B writes an older view of the product, and its record, right after shard A reads
    state.afterRead = async () => {
      const settledB = await settleEntity(state, online, batchOf(view('b', T - 1000)));
      expect(settledB.putRecords).toBe(1);
    };
    const settledA = await settleEntity(state, online, batchOf(view('a', T)));
    expect(settledA.putRecords).toBe(2);
    expect(online.records.get('SKU-1')).toMatchObject({ event_time: '2026-11-22T12:00:00.000Z', views_1h: '2' });
  });

  it('without another writer: one read, one PutRecord, one check', async () => {
    const state = new MemoryState();
    const online = new MemoryOnline();
    expect(await settleEntity(state, online, batchOf(view('a', T + 1000), view('b', T + 500)))).toEqual({ bucketWrites: 1, profileWrites: 0, entriesAlreadyHeld: 0, putRecords: 1 });
    expect(online.records.get('SKU-1')).toMatchObject({ views_1h: '2' });
  });

  it('a PutRecord that fails is a SettleError at the record stage; the state is written', async () => {
    const state = new MemoryState();
    const error = await settleEntity(state, new MemoryOnline(true), batchOf(view('a', T))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettleError);
    expect(error).toMatchObject({ entityKey: 'product_activity#SKU-1', stage: 'record' });
    expect(state.buckets.size).toBe(1);
  });
});
