import { ENRICHED_FIELDS, type EnrichedFieldName } from '../../schemas/enriched-event';
import { PERSONAL_FIELDS } from '../../schemas/personal-fields';
import type { EnrichedEventRecord } from '../snowplow';
import type { Pseudonymiser } from './Pseudonymiser';

/**
 * One enriched event as a row of the lake: every field by its canonical name; timestamps as
 * `YYYY-MM-DD hh:mm:ss.fff` text (UTC, what Athena, Hive's JSON SerDe and DuckDB all read as a
 * timestamp); the self-describing JSON fields as their JSON text; personal fields pseudonymised.
 */
export type PseudonymousEventRow = Record<EnrichedFieldName, string | number | boolean | null>;

const PERSONAL_KIND = new Map(PERSONAL_FIELDS.map((f) => [f.name, f.kind]));

/** Epoch milliseconds as `YYYY-MM-DD hh:mm:ss.fff` (UTC). */
export function timestampText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}

/**
 * The lake row of a parsed event, with the fields of `schemas/personal-fields.ts` pseudonymised:
 * what the events archive stores (the local archiver, the Firehose transform on AWS).
 *
 * @example
 * ```ts
 * const result = parseEnrichedEventStrict(line);
 * if (result.ok) rows.push(pseudonymousEventRow(result.event, pseudonymiser));
 * ```
 */
export function pseudonymousEventRow(event: EnrichedEventRecord, pseudonymiser: Pseudonymiser): PseudonymousEventRow {
  const row: Record<string, string | number | boolean | null> = {};
  const values = event as unknown as Record<string, unknown>;
  for (const { index, name, kind } of ENRICHED_FIELDS) {
    if (kind === 'contexts' || kind === 'unstruct') row[name] = event.isEmpty(index) ? null : event.text(index);
    else if (kind === 'timestamp') {
      const ms = values[name] as number | null;
      row[name] = ms === null ? null : timestampText(ms);
    } else {
      const value = values[name] as string | number | boolean | null;
      const personal = PERSONAL_KIND.get(name);
      row[name] = personal !== undefined && typeof value === 'string' ? pseudonymiser.value(personal, value) : value;
    }
  }
  return row as PseudonymousEventRow;
}
