import { ENRICHED_FIELDS, type EnrichedEvent } from '../../schemas/enriched-event';
import { JSON_COLUMNS, SCALAR_COLUMNS } from './columns';
import { InvalidFieldError } from './errors';
import { readContexts, readUnstruct } from './selfDescribing';

/**
 * One parsed enriched event: every field of {@link EnrichedEvent} as a read-only property.
 *
 * It keeps the line and where each field starts; a string field is cut out only when read.
 * Scalars were read and checked when the line was parsed; `contexts`, `derived_contexts` and
 * `unstruct_event` are parsed the first time they are read, and reading one that is not valid
 * self-describing JSON throws an {@link InvalidFieldError} naming it.
 */
export class EnrichedEventRecord {
  /** Parsed self-describing JSON fields by slot, filled on first read. */
  readonly json: unknown[] = [undefined, undefined, undefined];

  constructor(
    /** The enriched TSV line. */
    readonly line: string,
    /** Where each field starts (see `fieldOffsets`). */
    readonly offsets: readonly number[],
    /** The scalar columns' values by slot (see `SCALAR_COLUMNS`): booleans as 0/1, NaN where empty. */
    readonly scalars: readonly number[],
  ) {}

  /** The text of field `index` as it stood in the line ('' when empty). */
  text(index: number): string {
    return this.line.slice(this.offsets[index]!, this.offsets[index + 1]! - 1);
  }

  /** Whether field `index` is empty. */
  isEmpty(index: number): boolean {
    return this.offsets[index + 1]! - 1 === this.offsets[index]!;
  }

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
    return this.isEmpty(index) ? null : this.text(index);
  });
}
for (const { slot, name, kind } of SCALAR_COLUMNS) {
  define(
    name,
    kind === 'boolean'
      ? function () {
          const v = this.scalars[slot]!;
          return v !== v ? null : v === 1;
        }
      : function () {
          const v = this.scalars[slot]!;
          return v !== v ? null : v;
        },
  );
}
for (const { index, slot, name, kind } of JSON_COLUMNS) {
  const read = kind === 'contexts' ? readContexts : readUnstruct;
  define(name, function () {
    const cached = this.json[slot];
    if (cached !== undefined) return cached;
    if (this.isEmpty(index)) return (this.json[slot] = null);
    const text = this.text(index);
    const parsed = read(text);
    if (typeof parsed === 'string') throw new InvalidFieldError(name, text, `self-describing JSON: ${parsed}`);
    return (this.json[slot] = parsed);
  });
}
