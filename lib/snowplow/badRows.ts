import {
  GENERIC_ERROR_SCHEMA,
  LOADER_PARSING_ERROR_SCHEMA,
  type GenericErrorBadRow,
  type LoaderParsingErrorBadRow,
} from '../../schemas/bad-row';
import { FieldCountError, InvalidFieldError } from './errors';
import { PROCESSOR } from './processor';

/**
 * The `loader_parsing_error` bad row for a line and the errors found in it: a field-count error
 * becomes `FieldNumberMismatch`, field errors a `RowDecodingError` listing every one.
 */
export function loaderParsingErrorBadRow(line: string, errors: readonly Error[]): LoaderParsingErrorBadRow {
  const first = errors[0];
  const failure: LoaderParsingErrorBadRow['data']['failure'] =
    first instanceof FieldCountError
      ? { type: 'FieldNumberMismatch', fieldCount: first.fieldCount }
      : {
          type: 'RowDecodingError',
          errors: errors.map((e) =>
            e instanceof InvalidFieldError
              ? { type: 'InvalidValue' as const, key: e.field, value: e.value, message: e.message }
              : { type: 'UnhandledRowDecodingError' as const, message: e.message },
          ),
        };
  return { schema: LOADER_PARSING_ERROR_SCHEMA, data: { processor: { ...PROCESSOR }, failure, payload: line } };
}

/** The `generic_error` bad row for a record whose bytes could not be decoded at all. */
export function genericErrorBadRow(payload: Uint8Array, errors: readonly Error[], now: Date): GenericErrorBadRow {
  return {
    schema: GENERIC_ERROR_SCHEMA,
    data: {
      processor: { ...PROCESSOR },
      failure: { timestamp: now.toISOString(), errors: errors.map((e) => e.message) },
      payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64'),
    },
  };
}
