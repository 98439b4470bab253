import { ENRICHED_FIELDS, type EnrichedFieldName } from '../../schemas/enriched-event';

/** One TSV line re-split into named raw strings, independently of the generator's writer. */
export type RawRow = Record<EnrichedFieldName, string>;

/** Splits an enriched TSV line by tab and names each column from the schema's field list. */
export function splitRow(line: string): RawRow {
  const cells = line.split('\t');
  if (cells.length !== ENRICHED_FIELDS.length) throw new Error(`expected ${ENRICHED_FIELDS.length} fields, got ${cells.length}`);
  return Object.fromEntries(ENRICHED_FIELDS.map((f) => [f.name, cells[f.index]])) as RawRow;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})$/;

/** Reads `YYYY-MM-DD HH:MM:SS.mmm` (UTC) as epoch ms; throws on any other shape. */
export function readTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text);
  if (m === null) throw new Error(`not a TSV timestamp: "${text}"`);
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
}

/** The event time of a raw row: derived_tstamp, else collector_tstamp. */
export function eventTime(row: RawRow): number {
  return readTimestamp(row.derived_tstamp !== '' ? row.derived_tstamp : row.collector_tstamp);
}
