import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ATTRIBUTE_PREFIX, HyperLogLog, REPORTS, type ReportName, type ReportRow } from '../../lib/reports';
import { InvalidStoredItemError } from './errors';

/**
 * The rows of one stored item: a row per `d:<value>` attribute for a count or sum report, or one
 * row with the sketch's estimate (rounded) and `dimension: null` for a distinct count.
 *
 * @throws InvalidStoredItemError naming the item and attribute when one does not hold a number or a sketch.
 */
export function itemToRows(item: Record<string, AttributeValue>, report: ReportName | 'late_events'): ReportRow[] {
  const pk = item.pk?.S ?? '';
  const sk = item.sk?.S ?? '';
  const hash = sk.lastIndexOf('#');
  if (hash < 0) throw new InvalidStoredItemError(pk, sk, 'sk', 'expected <window start>#<bucket>');
  const window_start = sk.slice(0, hash);
  if (report !== 'late_events' && REPORTS[report].measure === 'distinct') {
    const bytes = item.hll?.B;
    if (bytes === undefined) return [];
    const value = Math.round(HyperLogLog.fromBytes(bytes, `item ${pk}/${sk} attribute hll`).estimate());
    return [{ window_start, dimension: null, value }];
  }
  const rows: ReportRow[] = [];
  for (const [name, attribute] of Object.entries(item)) {
    if (!name.startsWith(ATTRIBUTE_PREFIX.dimension)) continue;
    const value = Number(attribute.N);
    if (attribute.N === undefined || !Number.isFinite(value)) throw new InvalidStoredItemError(pk, sk, name, 'not a number');
    rows.push({ window_start, dimension: name.slice(ATTRIBUTE_PREFIX.dimension.length), value });
  }
  return rows;
}
