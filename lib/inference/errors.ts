/** Errors of the inference API. */

/** The base of this module's errors; `statusCode` is the HTTP status it answers with. */
export class InferenceError extends Error {
  /** The HTTP status. */
  readonly statusCode: number;

  constructor(message: string, statusCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InferenceError';
    this.statusCode = statusCode;
  }
}

/** A request body that is not valid: every problem, each naming its field. */
export class InvalidPredictRequestError extends InferenceError {
  constructor(
    /** One line per problem: `requests.3.sku: must not be empty`. */
    readonly problems: readonly string[],
  ) {
    super(`invalid request: ${problems.join('; ')}`, 400);
    this.name = 'InvalidPredictRequestError';
  }
}

/** A dependency that did not answer in time: `what` (the Feature Store, the endpoint) and the time allowed. */
export class DependencyTimeoutError extends InferenceError {
  constructor(
    /** The dependency. */
    readonly what: string,
    /** The time it had, ms. */
    readonly timeoutMs: number,
  ) {
    super(`${what} did not answer within ${timeoutMs} ms`, 504);
    this.name = 'DependencyTimeoutError';
  }
}

/** A model endpoint answer that is not one score in [0, 1] per row. */
export class InvalidEndpointAnswerError extends InferenceError {
  constructor(
    /** What is wrong. */
    readonly reason: string,
  ) {
    super(`the model endpoint's answer is not usable: ${reason}`, 502);
    this.name = 'InvalidEndpointAnswerError';
  }
}

/** A Feature Store answer that left records unread (BatchGetRecord `Errors` or `UnprocessedIdentifiers`). */
export class IncompleteFeatureReadError extends InferenceError {
  constructor(
    /** The records not read, `group#id: reason`. */
    readonly failures: readonly string[],
  ) {
    super(`the Feature Store did not read ${failures.length} record(s): ${failures.slice(0, 3).join('; ')}${failures.length > 3 ? '; ...' : ''}`, 502);
    this.name = 'IncompleteFeatureReadError';
  }
}
