import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryChoiceError, UnknownQueryError } from '../../cli/query/errors';
import { formatCsv, formatTable } from '../../cli/query/formatRows';
import { resolveQuery } from '../../cli/query/resolveQuery';
import { generateEvents, buildCatalog } from '../../lib/generator';
import { runLakeQuery } from '../../lib/queries';
import { createLocalArchiver } from '../../local/archiver';
import { snowline } from '../helpers/cli';
import { kinesisEvent } from '../local/archiver/helpers';
import { readQuery } from '../queries/helpers';
import { writeCurrentTable } from '../queries/lakeFixture';

const QUERIES = 'feature_training_set, funnel_by_category, revenue_by_day_channel, user_activity_current, viewed_vs_bought, weekly_cohort_retention';

let dataDir: string;

beforeAll(async () => {
  // A small lake: 1,500 generated events through the archiver, and the products table.
  dataDir = await mkdtemp(join(tmpdir(), 'snowline-query-cli-'));
  const archiver = createLocalArchiver({ dataDir, timer: false });
  await archiver(kinesisEvent([...generateEvents({ events: 1500, seed: 5, users: 100, sessionsPerMinute: 100 })].map((e) => e.line)), {} as never);
  await archiver.close();
  const updated = '2026-11-22T00:00:00.000Z';
  await writeCurrentTable(
    join(dataDir, 'lake'),
    'products',
    buildCatalog().products.map((p) => ({ sku: p.sku, name: p.name, category: p.category, category_slug: p.categorySlug, price: p.price.toFixed(2), currency: 'EUR', stock: 5, active: true, updated_at: updated })),
  );
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('snowline query', () => {
  it('runs a named query and prints the same rows as JSON, CSV and an aligned table', async () => {
    const expected = await runLakeQuery(await readQuery('funnel_by_category.sql'), join(dataDir, 'lake'));
    expect(expected.rows.length).toBeGreaterThan(3);

    const [json, csv, table] = await Promise.all([
      snowline('query', 'funnel_by_category', '--data-dir', dataDir, '--format', 'json'),
      snowline('query', 'funnel_by_category.sql', '--data-dir', dataDir, '--format', 'csv'),
      snowline('query', 'funnel_by_category', '--data-dir', dataDir),
    ]);

    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual(expected.rows);
    expect(csv.stdout).toBe(formatCsv(expected.columns, expected.rows));
    expect(csv.stdout.split('\r\n')[0]).toBe('category,product_views,add_to_carts,purchases,units_purchased,viewers,view_to_cart_rate,cart_to_purchase_rate,view_to_purchase_rate');
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^category +\| product_views \| add_to_carts \| purchases/);
    expect(lines[1]).toMatch(/^-+-\+-/);
    expect(lines.at(-1)).toBe(`(${expected.rows.length} rows)`);
    expect(lines.length).toBe(expected.rows.length + 3);
  });

  it('runs a .sql file and ad-hoc --sql the same way', async () => {
    const file = join(dataDir, 'pages.sql');
    await writeFile(file, "-- pages\nSELECT count(DISTINCT event_id) AS events FROM {{events}} WHERE event_name = 'page_view'");
    const [fromFile, adHoc] = await Promise.all([
      snowline('query', file, '--data-dir', dataDir, '--format', 'json'),
      snowline('query', '--sql', "SELECT count(DISTINCT event_id) AS events FROM {{events}} WHERE event_name = 'page_view'", '--data-dir', dataDir, '--format', 'json'),
    ]);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual(JSON.parse(adHoc.stdout));
    expect((JSON.parse(adHoc.stdout) as { events: number }[])[0]!.events).toBeGreaterThan(50);
  });

  it('says what is wrong, lists the queries, and exits 1', async () => {
    const [unknown, format, empty] = await Promise.all([
      snowline('query', 'funnel', '--data-dir', dataDir),
      snowline('query', 'funnel_by_category', '--format', 'xml', '--data-dir', dataDir),
      snowline('query', 'revenue_by_day_channel', '--data-dir', dataDir),
    ]);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: `snowline: unknown query 'funnel': expected one of ${QUERIES}, a path to a .sql file, or --sql "..."\n` });
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("option '--format <format>' argument 'xml' is invalid. Allowed choices are table, csv, json.");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe(
      `snowline: the query reads {{orders}} but there are no files for it under ${join(dataDir, 'lake', 'current', 'orders')} yet ` +
        `(written by the lake merge, from the replicated shop database's DMS files in the landing zone (landing/shop/public/orders, beside the lake)); start the local stack with \`npx snowline up --demo --data-dir ${dataDir}\` and wait a minute\n`,
    );
  });
});

describe('resolveQuery', () => {
  it('takes a name (with or without .sql), a file, or --sql, and names every wrong choice', async () => {
    expect((await resolveQuery('funnel_by_category.sql', undefined)).source).toBe('funnel_by_category');
    expect(await resolveQuery(undefined, 'SELECT 1')).toEqual({ sql: 'SELECT 1', source: '--sql' });
    await expect(resolveQuery(undefined, undefined)).rejects.toThrow(`no query given: give a query name (${QUERIES}), a .sql file, or --sql "..."`);
    await expect(resolveQuery('funnel_by_category', 'SELECT 1')).rejects.toThrow(QueryChoiceError);
    await expect(resolveQuery(undefined, '  ')).rejects.toThrow('--sql is empty');
    await expect(resolveQuery(join(dataDir, 'nope.sql'), undefined)).rejects.toThrow(`cannot read the query file ${join(dataDir, 'nope.sql')}: no such file`);
    await expect(resolveQuery('nope.sql', undefined)).rejects.toThrow(UnknownQueryError);
  });
});

describe('formatTable and formatCsv', () => {
  const rows = [
    { name: 'Gloves', views: 199, rate: 0.1055, note: null },
    { name: 'a "quoted", name', views: 7, rate: null, note: 'line\nbreak' },
  ];
  const columns = ['name', 'views', 'rate', 'note'];

  it('aligns text left and numbers right, shows NULL, and counts the rows', () => {
    expect(formatTable(columns, rows)).toBe(
      [
        'name             | views | rate   | note',
        '-----------------+-------+--------+------------',
        'Gloves           |   199 | 0.1055 | NULL',
        'a "quoted", name |     7 |   NULL | line\\nbreak',
        '(2 rows)',
        '',
      ].join('\n'),
    );
    expect(formatTable(['x'], [])).toBe('x\n-\n(0 rows)\n');
  });

  it('quotes CSV fields as RFC 4180 says, NULL empty', () => {
    expect(formatCsv(columns, rows)).toBe('name,views,rate,note\r\nGloves,199,0.1055,\r\n"a ""quoted"", name",7,,"line\nbreak"\r\n');
  });
});
