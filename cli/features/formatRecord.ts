import type { FeatureGroupDeclaration } from '../../schemas/feature-group-declaration';
import { formatAge } from './formatAge';
import type { FetchedRecord } from './types';

/** Shown for a declared feature the record does not carry. */
export const NOT_SET = '(not set)';

const text = (value: string | readonly string[]): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Left-aligned columns, two spaces apart, with no trailing spaces. */
function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, index) => Math.max(...rows.map((row) => row[index]!.length)));
  return rows.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index]!))).join('  ').trimEnd()).join('\n');
}

/**
 * A record as a readable table: a heading with the group, the record, its event time and age,
 * then one line per declared feature (type and value, `(not set)` when the record has none),
 * in declaration order.
 *
 * @example
 * ```text
 * feature group  user_activity
 * record         u-1
 * event time     2026-11-22T10:15:00.250Z (3m 12s ago)
 *
 * feature        type      value
 * domain_userid  String    u-1
 * page_views_5m  Integral  3
 * ```
 */
export function formatRecordTable(record: FetchedRecord, group: FeatureGroupDeclaration, nowMs: number): string {
  const age = record.eventTimeMs === undefined ? 'age unknown' : formatAge(record.eventTimeMs, nowMs);
  const heading: string[][] = [
    ['feature group', record.group],
    ['record', record.recordId],
    ['event time', `${record.eventTime ?? NOT_SET} (${age})`],
  ];
  if (record.expiresAt !== undefined) heading.push(['expires at', record.expiresAt]);
  const byName = new Map(record.features.map((feature) => [feature.name, feature.value]));
  const declared = new Set(group.features.map((feature) => feature.name));
  const body = [
    ['feature', 'type', 'value'],
    ...group.features.map((feature) => [feature.name, feature.type, byName.has(feature.name) ? text(byName.get(feature.name)!) : NOT_SET]),
    ...record.features.filter((feature) => !declared.has(feature.name)).map((feature) => [feature.name, '', text(feature.value)]),
  ];
  return `${columns(heading)}\n\n${columns(body)}\n`;
}

/**
 * A record as one JSON object: the values exactly as Feature Store returns them (text), and the
 * age in seconds at `nowMs` (null when the event time does not parse).
 *
 * @example
 * ```json
 * {"featureGroup":"user_activity","recordIdentifier":"u-1","eventTime":"2026-11-22T10:15:00.250Z",
 *  "ageSeconds":192.4,"expiresAt":null,"features":{"domain_userid":"u-1","page_views_5m":"3"}}
 * ```
 */
export function formatRecordJson(record: FetchedRecord, nowMs: number): string {
  return `${JSON.stringify({
    featureGroup: record.group,
    recordIdentifier: record.recordId,
    eventTime: record.eventTime ?? null,
    ageSeconds: record.eventTimeMs === undefined ? null : (nowMs - record.eventTimeMs) / 1000,
    expiresAt: record.expiresAt ?? null,
    features: Object.fromEntries(record.features.map((feature) => [feature.name, feature.value])),
  })}\n`;
}
