import { ENRICHED_FIELDS, type EnrichedFieldName } from '../../schemas/enriched-event';
import type { FieldKind } from '../../schemas/enriched-event-fields';
import { readBoolean, readDouble, readInteger, readTimestamp } from './scalars';

/** What each scalar kind is read with, and what it expects, for error messages. */
const SCALAR_READERS = {
  timestamp: [readTimestamp, 'a timestamp (YYYY-MM-DD hh:mm:ss[.fff], UTC)'],
  integer: [readInteger, 'an integer'],
  double: [readDouble, 'a number'],
  boolean: [readBoolean, 'a boolean ("0" or "1")'],
} as const;

/** A column holding a scalar: where it is in the TSV, its slot among the scalars, how to read it. */
export interface ScalarColumn {
  readonly index: number;
  readonly slot: number;
  readonly name: EnrichedFieldName;
  readonly kind: FieldKind;
  readonly read: (text: string) => unknown;
  readonly expectation: string;
}

const isScalar = (kind: FieldKind): kind is keyof typeof SCALAR_READERS => kind in SCALAR_READERS;

/** The scalar columns (timestamps, integers, doubles, booleans), in TSV order. */
export const SCALAR_COLUMNS: readonly ScalarColumn[] = ENRICHED_FIELDS.filter((f) => isScalar(f.kind)).map((f, slot) => {
  const [read, expectation] = SCALAR_READERS[f.kind as keyof typeof SCALAR_READERS];
  return { index: f.index, slot, name: f.name, kind: f.kind, read: read as (text: string) => unknown, expectation };
});

/** The self-describing JSON columns, in TSV order, each with its slot. */
export const JSON_COLUMNS = ENRICHED_FIELDS.filter((f) => f.kind === 'contexts' || f.kind === 'unstruct').map(
  (f, slot) => ({ ...f, slot }),
);
