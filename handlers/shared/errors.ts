/** Errors of the handlers' shared pieces. */

/** An environment variable a handler reads at start that does not hold what it should. */
export class InvalidEnvironmentError extends Error {
  constructor(
    /** The variable, e.g. `MINUTE_ROW_TTL_DAYS`. */
    readonly variable: string,
    /** Its value. */
    readonly value: string,
    /** What it should be. */
    readonly expectation: string,
  ) {
    super(`environment variable ${variable}=${JSON.stringify(value)} is not ${expectation}`);
    this.name = 'InvalidEnvironmentError';
  }
}
