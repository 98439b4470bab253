import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHOP_TABLES, shopTable } from '../../../schemas/shop';
import {
  changeSequence,
  collectChanges,
  normalizeTimestamp,
  parseTestDecoding,
  ReplicatedValueError,
  ReplicatorError,
  TestDecodingParseError,
  UNCHANGED_TOAST,
  type DecodedColumn,
} from '../../../local/replicator';

/** What test_decoding's print_literal writes: numbers and booleans bare, everything else quoted with '' doubled. */
function literal(column: DecodedColumn): string {
  if (column.value === null) return 'null';
  if (column.value === UNCHANGED_TOAST) return 'unchanged-toast-datum';
  if (['integer', 'bigint', 'numeric', 'boolean'].includes(column.type)) return column.value;
  return `'${column.value.replace(/'/g, "''")}'`;
}

const ident = (name: string): string => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);
const print = (columns: readonly DecodedColumn[]): string => columns.map((c) => `${ident(c.name)}[${c.type}]:${literal(c)}`).join(' ');

const name = fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/), fc.string({ minLength: 1, maxLength: 8 }));
const decodedColumn: fc.Arbitrary<DecodedColumn> = fc.oneof(
  fc.record({ name, type: fc.constantFrom('text', 'timestamp with time zone', 'character varying(20)', 'text[]'), value: fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom("it's", "''", ' x ', 'null', 'new-tuple: a[text]:\'b\'', '')) }),
  fc.record({ name, type: fc.constant('integer'), value: fc.integer().map(String) }),
  fc.record({ name, type: fc.constant('bigint'), value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String) }),
  fc.record({ name, type: fc.constant('numeric'), value: fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`) }),
  fc.record({ name, type: fc.constant('boolean'), value: fc.constantFrom('true', 'false') }),
  fc.record({ name, type: fc.constantFrom('text', 'integer'), value: fc.constantFrom(null, UNCHANGED_TOAST) }),
);

describe('parseTestDecoding', () => {
  it('reads BEGIN and COMMIT with and without xids and the commit time', () => {
    expect(parseTestDecoding('BEGIN 755')).toEqual({ kind: 'begin', xid: '755' });
    expect(parseTestDecoding('BEGIN')).toEqual({ kind: 'begin' });
    expect(parseTestDecoding('COMMIT 755 (at 2026-11-22 04:57:28.849588+00)')).toEqual({ kind: 'commit', xid: '755', commitTime: '2026-11-22 04:57:28.849588+00' });
    expect(parseTestDecoding('COMMIT')).toEqual({ kind: 'commit' });
  });

  it('reads an INSERT as PostgreSQL 16 writes it (quoted text with a doubled quote and a backslash, bare numbers, NULL)', () => {
    const line = "table public.t: INSERT: id[text]:'a''b \\ x' n[numeric]:12.50 i[integer]:1 b[bigint]:9007199254740993 f[boolean]:true ts[timestamp with time zone]:'2026-01-01 08:00:00.123456+00' z[text]:null";
    expect(parseTestDecoding(line)).toEqual({
      kind: 'change',
      schema: 'public',
      table: 't',
      op: 'INSERT',
      columns: [
        { name: 'id', type: 'text', value: "a'b \\ x" },
        { name: 'n', type: 'numeric', value: '12.50' },
        { name: 'i', type: 'integer', value: '1' },
        { name: 'b', type: 'bigint', value: '9007199254740993' },
        { name: 'f', type: 'boolean', value: 'true' },
        { name: 'ts', type: 'timestamp with time zone', value: '2026-01-01 08:00:00.123456+00' },
        { name: 'z', type: 'text', value: null },
      ],
    });
  });

  it('reads an UPDATE with old-key, a DELETE with its key or no tuple data, quoted names, TRUNCATE and messages', () => {
    expect(parseTestDecoding("table public.t: UPDATE: old-key: id[text]:'a' new-tuple: id[text]:'k2' big[text]:unchanged-toast-datum")).toEqual({
      kind: 'change',
      schema: 'public',
      table: 't',
      op: 'UPDATE',
      oldKey: [{ name: 'id', type: 'text', value: 'a' }],
      columns: [
        { name: 'id', type: 'text', value: 'k2' },
        { name: 'big', type: 'text', value: UNCHANGED_TOAST },
      ],
    });
    expect(parseTestDecoding("table public.t: DELETE: id[text]:'z'")).toMatchObject({ op: 'DELETE', columns: [{ name: 'id', value: 'z' }] });
    expect(parseTestDecoding('table public.t: DELETE: (no-tuple-data)')).toMatchObject({ op: 'DELETE', columns: [] });
    expect(parseTestDecoding('table "My Schema"."Odd ""T""": INSERT: "A b"[integer]:1')).toMatchObject({ schema: 'My Schema', table: 'Odd "T"', columns: [{ name: 'A b', value: '1' }] });
    expect(parseTestDecoding('table public.a, public.b: TRUNCATE: (no-flags)')).toEqual({ kind: 'truncate', tables: ['public.a', 'public.b'] });
    expect(parseTestDecoding('message: transactional: 1 prefix: p, sz: 1 content:x')).toMatchObject({ kind: 'message' });
  });

  it('names the line and the position of what it cannot read', () => {
    for (const bad of ["table public.t: INSERT: id[text]:'open", 'table public.t: MERGE: x[text]:1', 'table public.t: INSERT: id[text', 'ROLLBACK 7', 'BEGIN abc']) {
      expect(() => parseTestDecoding(bad)).toThrow(TestDecodingParseError);
    }
    expect(() => parseTestDecoding("table public.t: INSERT: id[text]:'open")).toThrow(/character \d+: unterminated literal \(line: table public\.t/);
  });

  it('gives back every column it is given, whatever the names, types and values (property)', () => {
    fc.assert(
      fc.property(fc.array(decodedColumn, { minLength: 1, maxLength: 8 }), fc.constantFrom('INSERT', 'UPDATE', 'DELETE'), (columns, op) => {
        const line = `table public.orders: ${op}: ${print(columns)}`;
        expect(parseTestDecoding(line)).toEqual({ kind: 'change', schema: 'public', table: 'orders', op, columns });
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(decodedColumn, { minLength: 1, maxLength: 4 }), fc.array(decodedColumn, { minLength: 1, maxLength: 4 }), (oldKey, columns) => {
        expect(parseTestDecoding(`table public.t: UPDATE: old-key: ${print(oldKey)} new-tuple: ${print(columns)}`)).toEqual({ kind: 'change', schema: 'public', table: 't', op: 'UPDATE', oldKey, columns });
      }),
      { numRuns: 200 },
    );
  });
});

describe('normalizeTimestamp', () => {
  it('turns any offset into UTC and keeps microseconds', () => {
    expect(normalizeTimestamp('2026-01-01 10:00:00.123456+02')).toBe('2026-01-01 08:00:00.123456');
    expect(normalizeTimestamp('2026-01-01 00:10:00+05:30')).toBe('2025-12-31 18:40:00.000000');
    expect(normalizeTimestamp('2026-03-01 23:59:59.5-03')).toBe('2026-03-02 02:59:59.500000');
    expect(normalizeTimestamp('infinity')).toBeUndefined();
    expect(normalizeTimestamp('2026-01-01T10:00:00Z')).toBeUndefined();
  });

  it('agrees with Date for every instant to the millisecond (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: -12 * 60, max: 14 * 60 }), (ms, offsetMin) => {
        const local = new Date(ms + offsetMin * 60_000).toISOString().replace('T', ' ').replace('Z', '');
        const sign = offsetMin < 0 ? '-' : '+';
        const abs = Math.abs(offsetMin);
        const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(normalizeTimestamp(text)).toBe(`${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}000`);
      }),
    );
  });
});

describe('collectChanges', () => {
  const orders = shopTable('orders');
  const row = (id: string, status: string) =>
    `table public.orders: INSERT: order_id[text]:'${id}' customer_id[text]:'cust-000001' status[text]:'${status}' total[numeric]:12.50 total_base[numeric]:12.50 currency[text]:'EUR' country[text]:null placed_at[timestamp with time zone]:'2026-11-22 10:00:00+00' shipped_at[timestamp with time zone]:null updated_at[timestamp with time zone]:'2026-11-22 10:00:00.5+00'`;

  it('stamps every change of a transaction with its commit time and a sequence in commit order; DELETE keeps the key; a key change is a delete and an update', () => {
    const got = collectChanges(
      [
        { lsn: '0/10', data: 'BEGIN 1' },
        { lsn: '0/10', data: row('o-1', 'placed') },
        { lsn: '0/20', data: 'table public.other: INSERT: x[integer]:1' },
        { lsn: '0/30', data: 'COMMIT 1 (at 2026-11-22 10:00:00.000001+00)' },
        { lsn: '0/30', data: 'BEGIN 2' },
        { lsn: '0/38', data: "table public.orders: DELETE: order_id[text]:'o-1'" },
        { lsn: '0/40', data: row('o-2', 'paid').replace('INSERT: ', "UPDATE: old-key: order_id[text]:'o-9' new-tuple: ") },
        { lsn: '0/50', data: 'COMMIT 2 (at 2026-11-22 10:00:00.000001+00)' },
        { lsn: '0/50', data: 'BEGIN 3' },
        { lsn: '0/58', data: row('o-3', 'placed') },
      ],
      SHOP_TABLES,
    );
    expect(got.transactions).toBe(2);
    expect(got.otherTables).toBe(1);
    expect(got.lastCommitLsn).toBe('0/50');
    const rows = got.rows.get('orders')!;
    expect(rows.map((r) => [r.op, r.values[0], r.changeSeq])).toEqual([
      ['I', 'o-1', changeSequence('0/30', 0)],
      ['D', 'o-1', changeSequence('0/50', 0)],
      ['D', 'o-9', changeSequence('0/50', 1)],
      ['U', 'o-2', changeSequence('0/50', 2)],
    ]);
    expect(rows[0]!.commitTs).toBe('2026-11-22 10:00:00.000001');
    expect(rows[0]!.values).toEqual(['o-1', 'cust-000001', 'placed', '12.50', '12.50', 'EUR', null, '2026-11-22 10:00:00.000000', null, '2026-11-22 10:00:00.500000']);
    expect(rows[1]!.values.slice(1).every((v) => v === null)).toBe(true);
    expect(orders.columns).toHaveLength(rows[0]!.values.length);
    expect([...rows.map((r) => r.changeSeq)].sort()).toEqual(rows.map((r) => r.changeSeq));
  });

  it('names the table and column of a value that does not fit, and refuses a COMMIT without a timestamp', () => {
    const wrong = row('o-1', 'placed').replace('total[numeric]:12.50', "total[text]:'12.50'");
    expect(() => collectChanges([{ lsn: '0/1', data: 'BEGIN 1' }, { lsn: '0/1', data: wrong }], SHOP_TABLES)).toThrow(/orders\.total: expected PostgreSQL type numeric, got text/);
    const nan = row('o-1', 'placed').replace('total[numeric]:12.50', 'total[numeric]:NaN');
    expect(() => collectChanges([{ lsn: '0/1', data: nan }], SHOP_TABLES)).toThrow(ReplicatedValueError);
    const nullKey = row('o-1', 'placed').replace("order_id[text]:'o-1'", 'order_id[text]:null');
    expect(() => collectChanges([{ lsn: '0/1', data: nullKey }], SHOP_TABLES)).toThrow(/orders\.order_id: NULL in a NOT NULL column/);
    expect(() => collectChanges([{ lsn: '0/1', data: 'BEGIN 1' }, { lsn: '0/2', data: 'COMMIT 1' }], SHOP_TABLES)).toThrow(ReplicatorError);
  });
});
