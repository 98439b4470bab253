import { ENRICHED_FIELDS, type EnrichedEvent } from '../../schemas/enriched-event';
import { JSON_COLUMNS, SCALAR_COLUMNS } from './columns';
import { InvalidFieldError } from './errors';
import { readContexts, readUnstruct } from './selfDescribing';

/**
 * One parsed enriched event: every field of {@link EnrichedEvent} as a read-only property.
 *
 * Scalars were read and checked when the line was parsed; `contexts`, `derived_contexts` and
 * `unstruct_event` are parsed the first time they are read, and reading one that is not valid
 * self-describing JSON throws an {@link InvalidFieldError} naming it.
 */
export class EnrichedEventRecord {
  /** Parsed self-describing JSON fields, filled on first read. */
  readonly json: unknown[] = [undefined, undefined, undefined];

  constructor(
    /** The TSV fields as they stood in the line. */
    readonly fields: readonly string[],
    /** The typed values of the scalar columns, by slot (see `SCALAR_COLUMNS`); null where empty. */
    readonly scalars: readonly unknown[],
  ) {}

  /** A plain object with every field, the JSON fields parsed (throws if one is invalid). */
  toObject(): EnrichedEvent {
    const out: Record<string, unknown> = {};
    for (const f of ENRICHED_FIELDS) out[f.name] = (this as unknown as Record<string, unknown>)[f.name];
    return out as EnrichedEvent;
  }
}

// The properties are typed by the schema, not listed a second time.
export interface EnrichedEventRecord extends Readonly<EnrichedEvent> {}

const define = (name: string, get: (this: EnrichedEventRecord) => unknown) =>
  Object.defineProperty(EnrichedEventRecord.prototype, name, { get, enumerable: true });

for (const { index, name } of ENRICHED_FIELDS.filter((f) => f.kind === 'string')) {
  define(name, function () {
    const text = this.fields[index]!;
    return text === '' ? null : text;
  });
}
for (const { slot, name } of SCALAR_COLUMNS) {
  define(name, function () {
    return this.scalars[slot];
  });
}
for (const { index, slot, name, kind } of JSON_COLUMNS) {
  const read = kind === 'contexts' ? readContexts : readUnstruct;
  define(name, function () {
    const cached = this.json[slot];
    if (cached !== undefined) return cached;
    const text = this.fields[index]!;
    if (text === '') return (this.json[slot] = null);
    const parsed = read(text);
    if (typeof parsed === 'string') throw new InvalidFieldError(name, text, `self-describing JSON: ${parsed}`);
    return (this.json[slot] = parsed);
  });
}
