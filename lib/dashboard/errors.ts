/** Errors of the dashboard API; each carries the HTTP status it maps to at the API edge. */

/** Base class of every dashboard API error. */
export class DashboardApiError extends Error {
  /** The HTTP status this error is answered with. */
  readonly statusCode: number;

  constructor(message: string, statusCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DashboardApiError';
    this.statusCode = statusCode;
  }

  /** The JSON body the API answers with: the error's name, its message and its context. */
  toBody(): Record<string, unknown> {
    return { error: this.name, message: this.message };
  }
}

/**
 * A query string parameter is malformed, out of range, unknown, or inconsistent with the
 * others; answered with 400 naming it.
 *
 * @example
 * ```ts
 * new InvalidParameterError('limit', 'expected an integer from 1 to 1000, got "0"').message;
 * // 'limit: expected an integer from 1 to 1000, got "0"'
 * ```
 */
export class InvalidParameterError extends DashboardApiError {
  /** The parameter's name, e.g. `granularity`. */
  readonly parameter: string;

  constructor(parameter: string, problem: string, options?: { cause?: unknown }) {
    super(`${parameter}: ${problem}`, 400, options);
    this.name = 'InvalidParameterError';
    this.parameter = parameter;
  }

  override toBody(): Record<string, unknown> {
    return { error: this.name, parameter: this.parameter, message: this.message };
  }
}

/** The path names a report that does not exist; answered with 404 naming it and the known ones. */
export class UnknownReportError extends DashboardApiError {
  /** The name that arrived. */
  readonly report: string;
  /** Every report the API serves. */
  readonly known: readonly string[];

  constructor(report: string, known: readonly string[], options?: { cause?: unknown }) {
    super(`unknown report ${JSON.stringify(report)}; known reports: ${known.join(', ')}`, 404, options);
    this.name = 'UnknownReportError';
    this.report = report;
    this.known = known;
  }

  override toBody(): Record<string, unknown> {
    return { error: this.name, report: this.report, known: [...this.known], message: this.message };
  }
}
