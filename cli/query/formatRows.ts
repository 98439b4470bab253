/** How `snowline query` prints rows. */
export const QUERY_FORMATS = ['table', 'csv', 'json'] as const;

/** One of {@link QUERY_FORMATS}. */
export type QueryFormat = (typeof QUERY_FORMATS)[number];

const text = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * Rows as an aligned text table: a header, a rule, numbers right-aligned, NULL as `NULL`, line
 * breaks and tabs in values as `\n` and `\t`, and the row count below.
 *
 * @example
 * ```ts
 * formatTable(['a', 'b'], [{ a: 'x', b: 1 }]); // 'a | b\n--+--\nx | 1\n(1 row)\n'
 * ```
 */
export function formatTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  // A line break or tab inside a value would break the alignment: shown escaped, as psql does.
  const cell = (value: unknown) => (value === null || value === undefined ? 'NULL' : text(value).replaceAll('\n', '\\n').replaceAll('\t', '\\t'));
  const cells = rows.map((row) => columns.map((c) => cell(row[c])));
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number') && rows.every((r) => r[c] === null || typeof r[c] === 'number'));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[], header = false) =>
    values.map((v, i) => (numeric[i] && !header ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ').trimEnd();
  const out = [line(columns, true), widths.map((w) => '-'.repeat(w)).join('-+-'), ...cells.map((row) => line(row))];
  return `${out.join('\n')}\n(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})\n`;
}

/** Rows as CSV (RFC 4180): a header line, fields quoted when they hold a comma, quote or line break; NULL is empty. */
export function formatCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [columns.map(field).join(','), ...rows.map((row) => columns.map((c) => field(text(row[c]))).join(','))].map((l) => `${l}\r\n`).join('');
}

/** Rows as one JSON array of row objects (values as DuckDB gives them: numbers, text, null). */
export function formatJson(rows: readonly Record<string, unknown>[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** Rows in `format`. `columns` gives the order (an empty result still prints its header). */
export function formatRows(format: QueryFormat, columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  if (format === 'csv') return formatCsv(columns, rows);
  if (format === 'json') return formatJson(rows);
  return formatTable(columns, rows);
}
