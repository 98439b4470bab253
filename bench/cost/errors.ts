/** Errors of the cost estimate. */

/** An input to the estimate is not a usable number: names the field and what it expects. */
export class CostInputError extends Error {
  /** The field, e.g. `assumptions.eventsPerRecord`. */
  readonly field: string;

  constructor(field: string, expected: string, got: unknown) {
    super(`invalid ${field}: expected ${expected}, got ${JSON.stringify(got)}`);
    this.name = 'CostInputError';
    this.field = field;
  }
}
