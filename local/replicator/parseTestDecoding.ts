import { TestDecodingParseError } from './errors';
import { type DecodedColumn, type DecodedLine, UNCHANGED_TOAST } from './types';

/** A cursor over one line. */
class Cursor {
  pos = 0;
  constructor(readonly line: string) {}

  fail(problem: string): never {
    throw new TestDecodingParseError(this.line, this.pos, problem);
  }

  atEnd(): boolean {
    return this.pos >= this.line.length;
  }

  startsWith(text: string): boolean {
    return this.line.startsWith(text, this.pos);
  }

  expect(text: string): void {
    if (!this.startsWith(text)) this.fail(`expected '${text}'`);
    this.pos += text.length;
  }

  /** A quoted literal `'…'` with `''` for a quote, or a quoted identifier `"…"` with `""`. */
  quoted(quote: '\'' | '"'): string {
    this.expect(quote);
    let out = '';
    for (;;) {
      const next = this.line.indexOf(quote, this.pos);
      if (next === -1) this.fail(`unterminated ${quote === '"' ? 'identifier' : 'literal'}`);
      out += this.line.slice(this.pos, next);
      this.pos = next + 1;
      if (this.line[this.pos] !== quote) return out;
      out += quote;
      this.pos++;
    }
  }

  /** An identifier: quoted, or plain up to one of `stops`. */
  identifier(stops: string): string {
    if (this.startsWith('"')) return this.quoted('"');
    const start = this.pos;
    while (!this.atEnd() && !stops.includes(this.line[this.pos]!)) this.pos++;
    if (this.pos === start) this.fail('expected an identifier');
    return this.line.slice(start, this.pos);
  }
}

function column(c: Cursor): DecodedColumn {
  const name = c.identifier('[');
  c.expect('[');
  // A type name may hold brackets itself (`integer[]`), so it ends at the first `]:`.
  const end = c.line.indexOf(']:', c.pos);
  if (end === -1) c.fail(`expected ']:' after the type of column ${name}`);
  const type = c.line.slice(c.pos, end);
  c.pos = end + 2;
  if (c.startsWith('\'')) return { name, type, value: c.quoted('\'') };
  const start = c.pos;
  while (!c.atEnd() && c.line[c.pos] !== ' ') c.pos++;
  const token = c.line.slice(start, c.pos);
  if (token === '') c.fail(`expected a value for column ${name}`);
  if (token === 'null') return { name, type, value: null };
  if (token === 'unchanged-toast-datum') return { name, type, value: UNCHANGED_TOAST };
  return { name, type, value: token };
}

/** Columns up to the end of the line or up to `new-tuple:`. */
function columns(c: Cursor, untilNewTuple: boolean): DecodedColumn[] {
  if (c.startsWith('(no-tuple-data)')) {
    c.pos += '(no-tuple-data)'.length;
    return [];
  }
  const out: DecodedColumn[] = [];
  while (!c.atEnd()) {
    if (untilNewTuple && c.startsWith('new-tuple: ')) break;
    out.push(column(c));
    if (!c.atEnd()) c.expect(' ');
  }
  return out;
}

function qualifiedName(c: Cursor): { schema: string; table: string } {
  const schema = c.identifier('.');
  c.expect('.');
  const table = c.identifier(':');
  return { schema, table };
}

/**
 * Parses one line of the `test_decoding` output plugin (what `pg_logical_slot_peek_changes`
 * returns in `data`): `BEGIN 755`, `COMMIT 755 (at 2026-11-22 10:00:00.123456+00)`,
 * `table public.orders: INSERT: order_id[text]:'o-1' total[numeric]:12.50 …`, an UPDATE with
 * `old-key: … new-tuple: …`, a DELETE with the old key or `(no-tuple-data)`, TRUNCATE and
 * logical messages. Literals come back as their text: quotes removed and `''` undone, `null`
 * as null, `unchanged-toast-datum` as {@link UNCHANGED_TOAST}.
 *
 * @throws TestDecodingParseError naming the line and the character where it went wrong.
 * @see https://www.postgresql.org/docs/current/test-decoding.html
 */
export function parseTestDecoding(line: string): DecodedLine {
  const c: Cursor = new Cursor(line);
  const xid = (): string | undefined => {
    const match = /^ (\d+)/.exec(line.slice(c.pos));
    if (match === null) return undefined;
    c.pos += match[0].length;
    return match[1];
  };
  if (line === 'BEGIN' || line.startsWith('BEGIN ')) {
    c.pos = 5;
    const id = xid();
    if (!c.atEnd()) c.fail('unexpected text after BEGIN');
    return id === undefined ? { kind: 'begin' } : { kind: 'begin', xid: id };
  }
  if (line === 'COMMIT' || line.startsWith('COMMIT ')) {
    c.pos = 6;
    const id = xid();
    let commitTime: string | undefined;
    if (c.startsWith(' (at ')) {
      c.pos += 5;
      const end = line.indexOf(')', c.pos);
      if (end === -1) c.fail("expected ')' after the commit time");
      commitTime = line.slice(c.pos, end);
      c.pos = end + 1;
    }
    if (!c.atEnd()) c.fail('unexpected text after COMMIT');
    return { kind: 'commit', ...(id === undefined ? {} : { xid: id }), ...(commitTime === undefined ? {} : { commitTime }) };
  }
  if (line.startsWith('message: ')) return { kind: 'message', text: line };
  if (line.startsWith('table ')) {
    c.pos = 6;
    if (line.includes(': TRUNCATE: ')) {
      const tables = line.slice(6, line.indexOf(': TRUNCATE: ')).split(', ');
      return { kind: 'truncate', tables };
    }
    const { schema, table } = qualifiedName(c);
    c.expect(': ');
    const op = (['INSERT', 'UPDATE', 'DELETE'] as const).find((o) => c.startsWith(`${o}: `));
    if (op === undefined) c.fail('expected INSERT, UPDATE or DELETE');
    c.pos += op.length + 2;
    if (op === 'UPDATE' && c.startsWith('old-key: ')) {
      c.pos += 'old-key: '.length;
      const oldKey = columns(c, true);
      c.expect('new-tuple: ');
      return { kind: 'change', schema, table, op, oldKey, columns: columns(c, false) };
    }
    return { kind: 'change', schema, table, op, columns: columns(c, false) };
  }
  return c.fail('expected BEGIN, COMMIT, table or message');
}
