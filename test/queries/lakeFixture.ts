/**
 * A small local lake for the query suites: generated shop traffic archived through the events
 * archiver's own code path (pseudonymised, Parquet by date), the shop's current-state tables
 * made by the real merge (`mergeLake`, pseudonymising with the archiver's key) from DMS full-load
 * files of schemas/shop.ts-shaped rows consistent with that traffic, and the
 * user_activity offline store written through the real Feature Store SDK. The shop's rows come from
 * lib/shop: its seed (customers, products) and the orders its shop-orders consumer makes of the
 * logged-in customers' purchases.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DuckDBInstance } from '@duckdb/node-api';
import { CHANGE_SEQUENCE_LENGTH, DMS_COLUMNS, LANDING_PREFIX } from '../../lib/catalog';
import { generateEvents, type GeneratedEvent } from '../../lib/generator';
import { FileKeyProvider, Pseudonymiser } from '../../lib/privacy';
import { ordersFromEvents, shopSeedRows } from '../../lib/shop';
import { createLocalArchiver } from '../../local/archiver';
import { mergeLake } from '../../local/glue';
import { DATA_DIR_LAYOUT } from '../../local/up/constants';
import { FIELD_INDEX } from '../../schemas/enriched-event';
import { SHOP_SCHEMA, SHOP_TABLES, shopTable, type ShopColumnType } from '../../schemas/shop';
import { kinesisEvent } from '../local/archiver/helpers';
import { manualClock, scratchDir, startOfflineStore, userRecord } from './helpers';

/** A shop row by column name: text, numbers, booleans, ISO-8601 timestamps, or null. */
export type ShopRow = Record<string, string | number | boolean | null>;

/** The lake and the truth it was built from. */
export interface LakeFixture {
  readonly dataDir: string;
  readonly lakeDir: string;
  /** The landing zone the shop's tables were merged from (their personal values in clear). */
  readonly landingDir: string;
  /** Every generated line archived, duplicates included. */
  readonly events: readonly GeneratedEvent[];
  /** The pseudonymiser with the data dir's key. */
  readonly pseudonymiser: Pseudonymiser;
  /** The shop's tables as the database holds them (personal values in clear; the lake holds their pseudonyms). */
  readonly tables: Readonly<Record<'customers' | 'products' | 'orders' | 'order_items', readonly ShopRow[]>>;
  remove(): Promise<void>;
}

const WEEK_MS = 7 * 24 * 3_600_000;
const START = Date.UTC(2026, 10, 16, 9); // a Monday

/** A line with its event_id changed (the generator repeats ids for the same seed). */
function withEventId(line: string, eventId: string): string {
  const fields = line.split('\t');
  fields[FIELD_INDEX.event_id] = eventId;
  return fields.join('\t');
}

const DUCKDB_TYPES: Readonly<Record<ShopColumnType, string>> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  decimal: 'DECIMAL(12,2)',
  timestamp: 'TIMESTAMPTZ',
  boolean: 'BOOLEAN',
};

/** Writes rows of a shop table as `<lakeDir>/current/<table>/part-00000.parquet`, typed as schemas/shop.ts says. */
export async function writeCurrentTable(lakeDir: string, name: string, rows: readonly ShopRow[]): Promise<void> {
  await writeShopParquet(join(lakeDir, 'current', name), 'part-00000.parquet', name, rows);
}

/**
 * Writes rows of a shop table as DMS's full load in the landing zone,
 * `<landingDir>/shop/public/<table>/LOAD00000001.parquet` (`Op` I, the commit time, a zero
 * change sequence, then the columns), for the merge to read.
 */
export async function landShopTable(landingDir: string, name: string, rows: readonly ShopRow[], commitTs = '2026-11-30 00:00:00'): Promise<void> {
  const dms = `'I' AS ${DMS_COLUMNS.op}, TIMESTAMP '${commitTs}' AS ${DMS_COLUMNS.commitTimestamp}, '${'0'.repeat(CHANGE_SEQUENCE_LENGTH)}' AS ${DMS_COLUMNS.changeSequence}`;
  await writeShopParquet(join(landingDir, LANDING_PREFIX, SHOP_SCHEMA, name), 'LOAD00000001.parquet', name, rows, dms);
}

async function writeShopParquet(folder: string, fileName: string, name: string, rows: readonly ShopRow[], leading?: string): Promise<void> {
  const table = shopTable(name);
  await mkdir(folder, { recursive: true });
  const json = join(folder, 'rows.json.tmp');
  await writeFile(json, rows.map((row) => JSON.stringify(row)).join('\n'));
  const columns = table.columns.map((c) => `"${c.name}": '${c.type === 'decimal' ? 'VARCHAR' : DUCKDB_TYPES[c.type]}'`).join(', ');
  const select = [...(leading === undefined ? [] : [leading]), ...table.columns.map((c) => (c.type === 'decimal' ? `CAST("${c.name}" AS DECIMAL(12,2)) AS "${c.name}"` : `"${c.name}"`))].join(', ');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(
      `COPY (SELECT ${select} FROM read_json('${json}', format = 'newline_delimited', columns = {${columns}})) TO '${join(folder, fileName)}' (FORMAT parquet)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  await rm(json);
}

/** The shop's tables as the database would hold them after this traffic (lib/shop's seed and orders, then a few changes). */
function shopRows(events: readonly GeneratedEvent[]): LakeFixture['tables'] {
  const seed = shopSeedRows();
  const updated = '2026-11-30T00:00:00.000Z';
  // A viewed product deleted since (the least viewed): its views count under 'unknown'.
  const views = new Map<string, number>();
  for (const e of events) if (e.event.event_name === 'page_view' && e.event.page_urlpath?.startsWith('/products/')) views.set(e.event.page_urlpath.slice(10), (views.get(e.event.page_urlpath.slice(10)) ?? 0) + 1);
  const deleted = [...views].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]![0];
  const products: ShopRow[] = seed.products!.filter((p) => p.sku !== deleted).map((p) => ({ ...p }));
  const customers: ShopRow[] = seed.customers!.map((c) => ({ ...c }));
  // The orders the shop-orders consumer writes for logged-in customers' purchases (guests have none).
  const { transactions } = ordersFromEvents(
    events.map((e) => e.event),
    new Set(customers.map((c) => c.customer_id as string)),
    new Set(seed.products!.map((p) => p.sku as string)),
  );
  const rows = (table: string) =>
    transactions.flatMap((t) => t.statements.filter((st) => st.table === table).map((st) => ({ ...st.key, ...st.values, updated_at: updated }) as ShopRow));
  // Then: one order deleted from the database since, every fourth returned, and one placed by phone (no event).
  const orders: ShopRow[] = rows('orders')
    .slice(1)
    .map((o, i) => ({ ...o, status: i % 4 === 3 ? 'returned' : 'delivered' }));
  orders.push({ order_id: 'ord-phone-000001', customer_id: 'cust-000001', status: 'paid', total: '42.00', total_base: '42.00', currency: 'EUR', country: 'DE', placed_at: '2026-11-16T12:00:00.000Z', shipped_at: null, updated_at: updated });
  const orderIds = new Set(orders.map((o) => o.order_id));
  const items = rows('order_items').filter((item) => orderIds.has(item.order_id));
  items.push({ order_id: 'ord-phone-000001', sku: products[0]!.sku!, quantity: 2, price: '21.00', updated_at: updated });
  return { customers, products, orders, order_items: items };
}

/**
 * Builds the lake: two weeks of traffic (the second week's visitors return from the first), a
 * few lines that do not parse, archived in 500-line batches through `createLocalArchiver`.
 */
export async function buildLakeFixture(): Promise<LakeFixture> {
  const dir = await scratchDir();
  const dataDir = dir.path;
  const lakeDir = join(dataDir, DATA_DIR_LAYOUT.lake);
  const first = [...generateEvents({ events: 10_000, seed: 11, start: START, users: 300, sessionsPerMinute: 150, duplicateRatio: 0.02, lateRatio: 0.01 })];
  const second = [...generateEvents({ events: 800, seed: 11, start: START + WEEK_MS, users: 300, sessionsPerMinute: 150 })]
    .filter((e) => e.event.event_name === 'page_view' || e.event.event_name === 'page_ping')
    .map((e, i) => {
      const eventId = `ffffffff-0000-4000-8000-${String(i).padStart(12, '0')}`;
      return { ...e, line: withEventId(e.line, eventId), event: { ...e.event, event_id: eventId } };
    });
  const events = [...first, ...second];

  // A file about every batch (1 MiB buffer), and the third batch delivered twice, as a Kinesis
  // retry would: the archive holds duplicates across files, which the queries must count once.
  const archiver = createLocalArchiver({ dataDir, timer: false, buffer: { maxBytes: 1024 * 1024 } });
  const lines = events.map((e) => e.line);
  lines.splice(100, 0, 'not an enriched event', `${events[0]!.line}\textra field`);
  for (let i = 0; i < lines.length; i += 500) {
    const batch = kinesisEvent(lines.slice(i, i + 500), 'shardId-000000000000', i + 1);
    await archiver(batch, {} as never);
    if (i === 1000) await archiver(batch, {} as never);
  }
  await archiver.close();
  const pseudonymiser = await Pseudonymiser.fromProvider(new FileKeyProvider({ file: join(dataDir, DATA_DIR_LAYOUT.pseudonymisationKey), create: false }));

  // The shop's tables as DMS lands them, merged into the lake as on AWS: personal columns hashed with the archive's key.
  const tables = shopRows(events);
  const landingDir = join(dataDir, DATA_DIR_LAYOUT.landing);
  for (const table of SHOP_TABLES) await landShopTable(landingDir, table.name, tables[table.name as keyof typeof tables]);
  await mergeLake({ landingDir, lakeDir, keyFile: join(dataDir, DATA_DIR_LAYOUT.pseudonymisationKey) });

  // The offline store: the first ten visitors' features, as the feature handler would write them.
  const clock = manualClock(START + 2 * WEEK_MS);
  const store = await startOfflineStore(dataDir, clock.now);
  try {
    const visitors = [...new Set(first.map((e) => e.event.domain_userid!))].slice(0, 10);
    for (const [i, visitor] of visitors.entries()) {
      const at = first.find((e) => e.event.domain_userid === visitor)!.eventTimeMs;
      await store.client.send(
        new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: userRecord(visitor, new Date(at).toISOString(), { page_views_5m: i + 1, events_1h: i + 2, country: 'DE' }) }),
      );
      clock.advance(1_000);
    }
    await store.service.flushOfflineStore();
  } finally {
    await store.close();
  }
  return { dataDir, lakeDir, landingDir, events, pseudonymiser, tables, remove: dir.remove };
}
