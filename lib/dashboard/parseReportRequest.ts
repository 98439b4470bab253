import type { z } from 'zod';
import { REPORT_NAMES, REPORTS, type ReportName } from '../reports/definitions';
import { WINDOW_MS } from '../reports/windowStart';
import { DEFAULT_GRANULARITY, DEFAULT_RANGE_MS, MAX_WINDOWS, REPORT_QUERY_PARAMETERS } from './constants';
import { InvalidParameterError, UnknownReportError } from './errors';
import { reportQuerySchema } from './reportQuerySchema';
import type { ReportRequest } from './types';

/** Query string parameters as API Gateway gives them: absent when the URL has none. */
export type QueryStringParameters = Readonly<Record<string, string | undefined>> | undefined;

const isReportName = (name: string): name is ReportName => Object.hasOwn(REPORTS, name);

/** The number of window starts (multiples of `windowMs`) in [fromMs, toMs). */
const windowsBetween = (fromMs: number, toMs: number, windowMs: number): number =>
  Math.ceil(toMs / windowMs) - Math.ceil(fromMs / windowMs);

/** The first problem zod found, as an error naming its parameter; an unknown parameter comes first. */
const toParameterError = (error: z.ZodError, query: Readonly<Record<string, string | undefined>>): InvalidParameterError => {
  const unknown = error.issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknown?.code === 'unrecognized_keys') {
    const name = unknown.keys[0] as string;
    return new InvalidParameterError(name, `unknown parameter; the parameters are ${REPORT_QUERY_PARAMETERS.join(', ')}`);
  }
  const issue = error.issues[0];
  const name = String(issue?.path[0] ?? 'query');
  return new InvalidParameterError(name, `expected ${issue?.message ?? 'a valid value'}, got ${JSON.stringify(query[name] ?? null)}`);
};

/**
 * Validates a report request and fills in the defaults: `to` now, `from` one hour before `to`,
 * granularity minute. Windows are selected by their start: those starting in [from, to).
 *
 * @param report the `{report}` path parameter.
 * @param query the query string parameters.
 * @param nowMs the clock, epoch ms.
 * @throws UnknownReportError (404) when the report does not exist.
 * @throws InvalidParameterError (400) naming the first bad parameter: a malformed or unknown
 *   one, `from` not before `to`, a range of more than {@link MAX_WINDOWS} windows (named `from`),
 *   or `dimension` on a report without one.
 * @example
 * ```ts
 * parseReportRequest('page_views', { limit: '5' }, Date.parse('2026-11-22T10:41:30Z'));
 * // { report: 'page_views', granularity: 'minute', fromMs: <09:41:30>, toMs: <10:41:30>, limit: 5 }
 * ```
 */
export const parseReportRequest = (report: string | undefined, query: QueryStringParameters, nowMs: number): ReportRequest => {
  if (report === undefined || !isReportName(report)) throw new UnknownReportError(report ?? '', REPORT_NAMES);
  const raw = query ?? {};
  const parsed = reportQuerySchema.safeParse(raw);
  if (!parsed.success) throw toParameterError(parsed.error, raw);
  const { fromMs: givenFrom, toMs: givenTo, granularity = DEFAULT_GRANULARITY, dimension, limit } = parsed.data;

  const toMs = givenTo ?? nowMs;
  const fromMs = givenFrom ?? toMs - DEFAULT_RANGE_MS;
  if (fromMs >= toMs) {
    const bound = givenTo === undefined ? `now (${new Date(toMs).toISOString()}), as to is not given` : `to (${raw.to})`;
    throw new InvalidParameterError('from', `${raw.from ?? new Date(fromMs).toISOString()} is not before ${bound}`);
  }
  const windows = windowsBetween(fromMs, toMs, WINDOW_MS[granularity]);
  if (windows > MAX_WINDOWS[granularity]) {
    const hint = granularity === 'minute' ? '; use granularity=hour for longer ranges' : '';
    throw new InvalidParameterError('from', `the range spans ${windows} ${granularity} windows, at most ${MAX_WINDOWS[granularity]} are allowed${hint}`);
  }
  if (dimension !== undefined && REPORTS[report].dimension === null) {
    throw new InvalidParameterError('dimension', `report ${report} has no dimension to filter on`);
  }
  return {
    report,
    granularity,
    fromMs,
    toMs,
    ...(dimension === undefined ? {} : { dimension }),
    ...(limit === undefined ? {} : { limit }),
  };
};
