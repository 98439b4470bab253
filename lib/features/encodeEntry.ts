import type { EventKind } from './readEventFacts';
import type { FeatureEntry } from './types';

const KIND_CODES: Readonly<Record<EventKind, string>> = { page_view: 'v', link_click: 'c', add_to_cart: 'a', transaction: 't', transaction_item: 'i', other: 'o' };
const KINDS_BY_CODE = new Map(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as EventKind]));

/**
 * An entry as a compact string: event time (base 36), a one-letter kind and the values,
 * tab-separated (an enriched event's fields hold no tabs), an empty field for null.
 *
 * @example
 * encodeEntry({ t: 1763805600000, kind: 'page_view', values: ['/cart', 'sess-1'] }); // 'mi9x7ko0\tv\t/cart\tsess-1'
 */
export function encodeEntry(entry: FeatureEntry): string {
  let text = `${entry.t.toString(36)}\t${KIND_CODES[entry.kind]}`;
  for (const value of entry.values) text += `\t${value ?? ''}`;
  return text;
}

/** Reads an entry written by {@link encodeEntry}, or undefined when the text is not one. */
export function decodeEntry(text: string): FeatureEntry | undefined {
  const parts = text.split('\t');
  const t = parseInt(parts[0] ?? '', 36);
  const kind = KINDS_BY_CODE.get(parts[1] ?? '');
  if (!Number.isSafeInteger(t) || kind === undefined) return undefined;
  return { t, kind, values: parts.slice(2).map((v) => (v === '' ? null : v)) };
}
