import { z } from 'zod';

/** Who produced a bad row, as Snowplow's bad rows name it. */
export const Processor = z.object({ artifact: z.string(), version: z.string() });

/** One field that could not be decoded, as in Snowplow's `RowDecodingError`. */
export const RowDecodingErrorItem = z.object({
  type: z.enum(['InvalidValue', 'UnhandledRowDecodingError']),
  key: z.string().optional(),
  value: z.string().optional(),
  message: z.string(),
});

/** The Iglu schema of a loader parsing error bad row. */
export const LOADER_PARSING_ERROR_SCHEMA = 'iglu:com.snowplowanalytics.snowplow.badrows/loader_parsing_error/jsonschema/2-0-0';

/** The Iglu schema of a generic error bad row (a record whose bytes could not be read at all). */
export const GENERIC_ERROR_SCHEMA = 'iglu:com.snowplowanalytics.snowplow.badrows/generic_error/jsonschema/1-0-0';

/**
 * An enriched TSV line that could not be parsed, in Snowplow's `loader_parsing_error` shape.
 *
 * @example
 * ```json
 * { "schema": "iglu:com.snowplowanalytics.snowplow.badrows/loader_parsing_error/jsonschema/2-0-0",
 *   "data": { "processor": { "artifact": "snowline", "version": "0.1.0" },
 *             "failure": { "type": "RowDecodingError", "errors": [ { "type": "InvalidValue", "key": "txn_id",
 *               "value": "12x", "message": "field txn_id: \"12x\" is not an integer" } ] },
 *             "payload": "<the original line>" } }
 * ```
 */
export const LoaderParsingErrorBadRow = z.object({
  schema: z.literal(LOADER_PARSING_ERROR_SCHEMA),
  data: z.object({
    processor: Processor,
    failure: z.discriminatedUnion('type', [
      z.object({ type: z.literal('NotTSV') }),
      z.object({ type: z.literal('FieldNumberMismatch'), fieldCount: z.number().int() }),
      z.object({ type: z.literal('RowDecodingError'), errors: z.array(RowDecodingErrorItem).min(1) }),
    ]),
    payload: z.string(),
  }),
});
/** A loader parsing error bad row. */
export type LoaderParsingErrorBadRow = z.infer<typeof LoaderParsingErrorBadRow>;

/**
 * A Kinesis record whose bytes could not be decoded (compression, UTF-8, size), in Snowplow's
 * `generic_error` shape; the payload is the record's bytes in base64.
 */
export const GenericErrorBadRow = z.object({
  schema: z.literal(GENERIC_ERROR_SCHEMA),
  data: z.object({
    processor: Processor,
    failure: z.object({ timestamp: z.string(), errors: z.array(z.string()).min(1) }),
    payload: z.string(),
  }),
});
/** A generic error bad row. */
export type GenericErrorBadRow = z.infer<typeof GenericErrorBadRow>;

/** Any bad row Snowline writes. */
export const BadRow = z.union([LoaderParsingErrorBadRow, GenericErrorBadRow]);
/** Any bad row Snowline writes. */
export type BadRow = z.infer<typeof BadRow>;
