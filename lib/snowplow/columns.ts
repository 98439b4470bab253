import { ENRICHED_FIELDS, type EnrichedFieldName } from '../../schemas/enriched-event';
import type { FieldKind } from '../../schemas/enriched-event-fields';
import { readBoolean, readDouble, readInteger, readTimestamp } from './scalars';

type Reader = (text: string, start: number, end: number) => number;

/** What each scalar kind is read with, and what it expects, for error messages. */
const SCALAR_READERS: Record<string, readonly [Reader, string]> = {
  timestamp: [readTimestamp, 'a timestamp (YYYY-MM-DD hh:mm:ss[.fff], UTC)'],
  integer: [readInteger, 'an integer'],
  double: [readDouble, 'a number'],
  boolean: [readBoolean, 'a boolean ("0" or "1")'],
};

/** A column holding a scalar: where it is in the TSV, its slot among the scalars, how to read it. */
export interface ScalarColumn {
  readonly index: number;
  readonly slot: number;
  readonly name: EnrichedFieldName;
  readonly kind: FieldKind;
  readonly read: Reader;
  readonly expectation: string;
}

/** The scalar columns (timestamps, integers, doubles, booleans), in TSV order. */
export const SCALAR_COLUMNS: readonly ScalarColumn[] = ENRICHED_FIELDS.filter((f) => f.kind in SCALAR_READERS).map((f, slot) => {
  const [read, expectation] = SCALAR_READERS[f.kind]!;
  return { index: f.index, slot, name: f.name, kind: f.kind, read, expectation };
});

/** The slot of each column among the scalars, or -1 for a column that is not a scalar. */
export const SCALAR_SLOT: readonly number[] = ENRICHED_FIELDS.map((f) => SCALAR_COLUMNS.find((c) => c.index === f.index)?.slot ?? -1);

/** The self-describing JSON columns, in TSV order, each with its slot. */
export const JSON_COLUMNS = ENRICHED_FIELDS.filter((f) => f.kind === 'contexts' || f.kind === 'unstruct').map((f, slot) => ({ ...f, slot }));
