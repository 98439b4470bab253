import {
  ENRICHED_FIELDS,
  ENRICHED_FIELD_COUNT,
  type EnrichedEvent,
  type EnrichedFieldName,
} from '../../schemas/enriched-event';
import type { FieldKind } from '../../schemas/enriched-event-fields';
import { GeneratorError } from './errors';

/**
 * An enriched-event timestamp as the TSV writes it: `YYYY-MM-DD HH:MM:SS.mmm`, UTC.
 *
 * @example formatTimestamp(Date.UTC(2026, 10, 22, 10, 0, 0, 5)) // '2026-11-22 10:00:00.005'
 */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** A double in plain decimal notation (never `1e-7`), as short as it round-trips. */
export function formatDouble(n: number): string {
  const text = String(n);
  if (!text.includes('e')) return text;
  return n.toFixed(12).replace(/\.?0+$/, '');
}

/** An event with every field empty (`null`): the start of every generated event. */
export const EMPTY_EVENT: EnrichedEvent = Object.fromEntries(ENRICHED_FIELDS.map((f) => [f.name, null])) as EnrichedEvent;

const jsonCache = new WeakMap<object, string>();

function formatValue(kind: FieldKind, name: EnrichedFieldName, value: unknown): string {
  switch (kind) {
    case 'string': {
      const text = value as string;
      if (/[\t\n\r]/.test(text)) throw new GeneratorError(`${name}: a TSV field cannot hold a tab or a line break`);
      return text;
    }
    case 'timestamp':
      return formatTimestamp(value as number);
    case 'integer':
      return String(value);
    case 'double':
      return formatDouble(value as number);
    case 'boolean':
      return value ? '1' : '0';
    case 'contexts':
    case 'unstruct': {
      const object = value as object;
      let json = jsonCache.get(object);
      if (json === undefined) {
        json = JSON.stringify(object);
        jsonCache.set(object, json);
      }
      return json;
    }
  }
}

/**
 * Writes a typed enriched event as one TSV line: a 131-slot array in `ENRICHED_FIELDS` order,
 * `null` as the empty string, booleans `0`/`1`, timestamps `YYYY-MM-DD HH:MM:SS.mmm`, JSON
 * compact (JSON escapes tabs and line breaks inside strings, so they never split a field).
 *
 * @example toTsvLine({ ...EMPTY_EVENT, app_id: 'shop', platform: 'web' }).split('\t').length // 131
 */
export function toTsvLine(event: EnrichedEvent): string {
  const slots = new Array<string>(ENRICHED_FIELD_COUNT);
  for (const { index, name, kind } of ENRICHED_FIELDS) {
    const value = event[name];
    slots[index] = value === null || value === undefined ? '' : formatValue(kind, name, value);
  }
  return slots.join('\t');
}
