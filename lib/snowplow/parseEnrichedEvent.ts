import { ENRICHED_FIELD_COUNT } from '../../schemas/enriched-event';
import { SCALAR_COLUMNS } from './columns';
import type { LoaderParsingErrorBadRow } from '../../schemas/bad-row';
import { loaderParsingErrorBadRow } from './badRows';
import { EnrichedEventRecord } from './EnrichedEventRecord';
import { fieldOffsets } from './fieldOffsets';
import { FieldCountError, InvalidFieldError } from './errors';

/** The outcome of parsing one line: an event, or a bad row saying why not. */
export type ParseResult =
  | { readonly ok: true; readonly event: EnrichedEventRecord }
  | { readonly ok: false; readonly badRow: LoaderParsingErrorBadRow; readonly errors: readonly Error[] };

/**
 * Parses one enriched TSV line (without its newline) into a typed event.
 *
 * Never throws: a line with the wrong field count or an impossible scalar becomes a bad row that
 * lists every failing field. Self-describing JSON fields are checked only when read (see
 * {@link EnrichedEventRecord}); {@link parseEnrichedEventStrict} checks them at once.
 */
export function parseEnrichedEvent(line: string): ParseResult {
  const offsets = fieldOffsets(line);
  if (typeof offsets === 'number') {
    const error = new FieldCountError(offsets, ENRICHED_FIELD_COUNT);
    return { ok: false, badRow: loaderParsingErrorBadRow(line, [error]), errors: [error] };
  }
  const scalars: number[] = new Array<number>(SCALAR_COLUMNS.length);
  let errors: InvalidFieldError[] | undefined;
  for (let i = 0; i < SCALAR_COLUMNS.length; i++) {
    const column = SCALAR_COLUMNS[i]!;
    const start = offsets[column.index]!;
    const end = offsets[column.index + 1]! - 1;
    if (start === end) {
      scalars[i] = NaN;
      continue;
    }
    const value = column.read(line, start, end);
    // NaN is the one value not equal to itself: the reader found the text impossible.
    if (value !== value) (errors ??= []).push(new InvalidFieldError(column.name, line.slice(start, end), column.expectation));
    scalars[i] = value;
  }
  if (errors !== undefined) return { ok: false, badRow: loaderParsingErrorBadRow(line, errors), errors };
  return { ok: true, event: new EnrichedEventRecord(line, offsets, scalars) };
}

const JSON_FIELDS = ['contexts', 'unstruct_event', 'derived_contexts'] as const;

/** Like {@link parseEnrichedEvent}, but the self-describing JSON fields are parsed and checked too. */
export function parseEnrichedEventStrict(line: string): ParseResult {
  const result = parseEnrichedEvent(line);
  if (!result.ok) return result;
  const errors: InvalidFieldError[] = [];
  for (const name of JSON_FIELDS) {
    try {
      void result.event[name];
    } catch (error) {
      if (!(error instanceof InvalidFieldError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length > 0) return { ok: false, badRow: loaderParsingErrorBadRow(line, errors), errors };
  return result;
}
