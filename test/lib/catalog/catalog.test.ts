import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  currentTableColumns,
  eventsColumns,
  GLUE_TYPES,
  lakeTables,
  MERGE_TEMPLATE_FIELDS,
  personalColumns,
  personalColumnsJson,
  PSEUDONYM_FUNCTION,
  pseudonymisedColumn,
  renderMergeSql,
} from '../../../lib/catalog';
import { placeholdersOf } from '../../../lib/queries';
import { LAKE_MERGE_JOB_PATHS } from '../../../stacks/constructs/lake-merge-job';
import { ENRICHED_FIELDS } from '../../../schemas/enriched-event';
import { SHOP_COLUMN_TYPES, SHOP_TABLES, shopTable } from '../../../schemas/shop';

const TEMPLATE = readFileSync(LAKE_MERGE_JOB_PATHS.sqlTemplate, 'utf8');

describe('Glue columns from schemas/shop.ts', () => {
  it('maps every shop column type to a Glue type', () => {
    // GIVEN every declared type WHEN mapped THEN each has a Glue type, decimal keeping numeric(12,2)
    expect(SHOP_COLUMN_TYPES.map((t) => GLUE_TYPES[t])).toEqual(['string', 'int', 'bigint', 'decimal(12,2)', 'timestamp', 'boolean']);
  });

  it('current tables keep the winning change\'s commit time and sequence after the columns', () => {
    // GIVEN orders WHEN its current columns are generated THEN the table's columns then dms_commit_ts, dms_change_seq
    expect(currentTableColumns(shopTable('orders')).map((c) => `${c.name} ${c.type}`).slice(-4)).toEqual([
      'shipped_at timestamp',
      'updated_at timestamp',
      'dms_commit_ts timestamp',
      'dms_change_seq string',
    ]);
  });
});

describe('the events archive columns from schemas/enriched-event.ts', () => {
  it('lists every enriched field in TSV order with the type of its kind', () => {
    // GIVEN the enriched-event schema WHEN the archive columns are generated THEN one per field, in order
    const columns = eventsColumns();
    expect(columns.map((c) => c.name)).toEqual(ENRICHED_FIELDS.map((f) => f.name));
    const typeOf = (name: string) => columns.find((c) => c.name === name)?.type;
    expect([typeOf('collector_tstamp'), typeOf('txn_id'), typeOf('tr_total'), typeOf('br_cookies'), typeOf('contexts'), typeOf('user_id')]).toEqual([
      'timestamp',
      'int',
      'double',
      'boolean',
      'string',
      'string',
    ]);
  });
});

describe('lakeTables', () => {
  const tables = lakeTables({ lakeUri: 's3://lake' });

  it('declares the current table of each shop table, then the events; none over the DMS files (personal values in clear)', () => {
    // GIVEN the lake bucket WHEN the tables are generated THEN <t> (Iceberg) per table, then events, and no raw_<t>
    expect(tables.map((t) => `${t.name}:${t.format}`)).toEqual([...SHOP_TABLES.map((t) => `${t.name}:iceberg`), 'events:parquet']);
    expect(tables.filter((t) => !t.location.startsWith('s3://lake/current/') && !t.location.startsWith('s3://lake/events/'))).toEqual([]);
    expect(tables.find((t) => t.name === 'order_items')?.location).toBe('s3://lake/current/order_items/');
  });

  it('partitions the events by date with partition projection over the contract\'s keys', () => {
    // GIVEN the events table WHEN read THEN date is projected daily from the start date to now, at events/date=.../
    const events = tables.find((t) => t.name === 'events')!;
    expect(events.partitionKeys.map((c) => c.name)).toEqual(['date']);
    expect(events.parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.date.type': 'date',
      'projection.date.format': 'yyyy-MM-dd',
      'projection.date.range': '2026-01-01,NOW',
      'storage.location.template': 's3://lake/events/date=${date}/',
    });
    expect(lakeTables({ lakeUri: 's3://lake', eventsFrom: '2025-06-01' }).at(-1)?.parameters['projection.date.range']).toBe('2025-06-01,NOW');
  });
});

describe('the personal columns of schemas/shop.ts', () => {
  it('are the columns marked personal, and the merge reads each through the pseudonym function', () => {
    // GIVEN the shop tables WHEN their personal columns are listed THEN customers' id, names and e-mail, and orders' customer id
    expect(Object.fromEntries(SHOP_TABLES.map((t) => [t.name, personalColumns(t)]))).toEqual({
      customers: ['customer_id', 'first_name', 'last_name', 'email'],
      products: [],
      orders: ['customer_id'],
      order_items: [],
    });
    expect(pseudonymisedColumn(shopTable('orders'), 'customer_id')).toBe(`${PSEUDONYM_FUNCTION}(customer_id)`);
    expect(pseudonymisedColumn(shopTable('orders'), 'order_id')).toBe('order_id');
    expect(JSON.parse(personalColumnsJson(SHOP_TABLES))).toEqual({ customers: ['customer_id', 'first_name', 'last_name', 'email'], orders: ['customer_id'] });
  });
});

describe('renderMergeSql over glue-jobs/merge.sql', () => {
  it.each(SHOP_TABLES.map((t) => [t.name, t] as const))('fills every column list for %s and leaves only {{changes}} and {{current}}', (_name, table) => {
    // GIVEN the template WHEN rendered for a table
    const sql = renderMergeSql(TEMPLATE, table);

    // THEN no field is left, the engines' two placeholders stay, and the key and columns come from the declaration
    expect(sql).not.toMatch(/\$\{/);
    expect(placeholdersOf(sql)).toEqual(['current', 'changes']);
    expect(sql).toContain(`PARTITION BY ${table.primaryKey.join(', ')}`);
    expect(sql).toContain(`ON ${table.primaryKey.map((k) => `t.${k} = s.${k}`).join(' AND ')}`);
    for (const column of table.columns) expect(sql).toContain(`s.${column.name}`);
  });

  it('names the template fields it fills, and rejects one it does not know', () => {
    // GIVEN the template and a template with a misspelt field WHEN rendered
    // THEN the template uses exactly the known fields, and the misspelt one is named
    expect([...new Set([...TEMPLATE.matchAll(/\$\{([a-z_]+)\}/g)].map((m) => m[1]))].sort()).toEqual([...MERGE_TEMPLATE_FIELDS].sort());
    expect(() => renderMergeSql('SELECT ${stored_colums}', shopTable('orders'))).toThrow('merge template: unknown field ${stored_colums}');
  });
});

describe('the Glue job script', () => {
  const script = readFileSync(LAKE_MERGE_JOB_PATHS.script, 'utf8');

  it('runs the rendered template it is given, filling only the two table placeholders', () => {
    // GIVEN glue-jobs/merge_current.py WHEN read THEN it reads each table's SQL from --merge_sql and fills {{changes}} and {{current}}
    expect(script).toContain('"merge_sql"');
    expect(script).toContain('.replace("{{changes}}"');
    expect(script).toContain('"{{current}}"');
    expect(script).toContain('spark.sql(sql)');
    expect(script).toContain(`spark.read.parquet(f"{args['landing_path']}{table}/")`);
    // A table whose landed files have all expired (7 days without a change) is skipped, not a failed run.
    expect(script).toContain('except AnalysisException as error:');
    expect(script).toContain('continue');
  });

  it('lists no column of its own: the columns come only from schemas/shop.ts', () => {
    // GIVEN every non-key column name of the shop WHEN looked up in the script THEN none is there
    const names = SHOP_TABLES.flatMap((t) => t.columns.map((c) => c.name));
    expect(names.filter((name) => new RegExp(`\\b${name}\\b`).test(script))).toEqual([]);
  });
});
