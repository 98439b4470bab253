import { z } from 'zod';
import { GRANULARITIES } from '../reports/definitions';
import { MAX_LIMIT, type ReportQueryParameter } from './constants';

/** What each query string parameter must look like; the 400 body quotes it. */
export const PARAMETER_EXPECTATIONS = {
  from: 'an ISO-8601 date-time with a time zone, such as 2026-11-22T10:41:00Z',
  to: 'an ISO-8601 date-time with a time zone, such as 2026-11-22T10:41:00Z',
  granularity: `one of ${GRANULARITIES.join(', ')}`,
  dimension: 'a non-empty value',
  limit: `an integer from 1 to ${MAX_LIMIT}`,
} as const satisfies Record<ReportQueryParameter, string>;

const instant = (parameter: 'from' | 'to') =>
  z.iso
    .datetime({ offset: true, error: PARAMETER_EXPECTATIONS[parameter] })
    .transform((text) => Date.parse(text));

/**
 * The query string of `GET /api/reports/{report}`, as API Gateway passes it (every value a
 * string; a repeated parameter arrives comma-joined and so fails its check). Unknown parameters
 * are refused, so a misspelt `granularty` is not silently ignored. Each issue's message is the
 * parameter's expectation from {@link PARAMETER_EXPECTATIONS}.
 *
 * @example
 * ```ts
 * reportQuerySchema.parse({ from: '2026-11-22T10:00:00Z', granularity: 'minute', limit: '5' });
 * // { fromMs: 1795341600000, granularity: 'minute', limit: 5 }
 * ```
 */
export const reportQuerySchema = z
  .strictObject({
    from: instant('from').optional(),
    to: instant('to').optional(),
    granularity: z.enum(GRANULARITIES, { error: PARAMETER_EXPECTATIONS.granularity }).optional(),
    dimension: z.string().min(1, { error: PARAMETER_EXPECTATIONS.dimension }).optional(),
    limit: z
      .string()
      .regex(/^[1-9][0-9]*$/, { error: PARAMETER_EXPECTATIONS.limit })
      .transform(Number)
      .pipe(z.number().max(MAX_LIMIT, { error: PARAMETER_EXPECTATIONS.limit }))
      .optional(),
  })
  .transform(({ from, to, ...rest }) => ({ ...rest, ...(from === undefined ? {} : { fromMs: from }), ...(to === undefined ? {} : { toMs: to }) }));

/** The query string once {@link reportQuerySchema} accepted it; absent parameters stay absent. */
export type ReportQueryInput = z.infer<typeof reportQuerySchema>;
