/**
 * Errors of the enriched-event parser. Each names the field and the value it could not read, so a
 * bad row says exactly what was wrong.
 */

/** Base class of every enriched-event parsing error. */
export class EnrichedEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnrichedEventError';
  }
}

/** A line that does not have the 131 tab-separated fields of an enriched event. */
export class FieldCountError extends EnrichedEventError {
  constructor(
    /** How many fields the line had. */
    readonly fieldCount: number,
    /** How many it should have. */
    readonly expected: number,
  ) {
    super(`expected ${expected} tab-separated fields, found ${fieldCount}`);
    this.name = 'FieldCountError';
  }
}

/** One field whose value cannot be what its type says. */
export class InvalidFieldError extends EnrichedEventError {
  constructor(
    /** The field's name, e.g. `txn_id`. */
    readonly field: string,
    /** The value as it stood in the TSV. */
    readonly value: string,
    /** What the field expects, e.g. `an integer`. */
    readonly expectation: string,
    options?: { cause?: unknown },
  ) {
    super(`field ${field}: ${JSON.stringify(value)} is not ${expectation}`, options);
    this.name = 'InvalidFieldError';
  }
}

/** Several invalid fields of one line, reported together. */
export class InvalidFieldsError extends EnrichedEventError {
  constructor(readonly errors: readonly InvalidFieldError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'InvalidFieldsError';
  }
}

/** A Kinesis record whose bytes cannot be read as enriched TSV (bad compression, bad UTF-8, too large). */
export class RecordDecodingError extends EnrichedEventError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RecordDecodingError';
  }
}
