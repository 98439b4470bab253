/** Errors of the feature stores. */

/** An option of a feature store out of its range, naming the option and the value. */
export class InvalidFeatureStoreOptionError extends Error {
  constructor(
    /** The option, e.g. `retry.maxAttempts`. */
    readonly option: string,
    /** The value given. */
    readonly value: unknown,
    /** What it must be. */
    readonly expectation: string,
  ) {
    super(`option ${option}: ${JSON.stringify(value)} is not ${expectation}`);
    this.name = 'InvalidFeatureStoreOptionError';
  }
}

/** A profile item whose facts cannot be read, naming the entity. */
export class CorruptProfileError extends Error {
  constructor(
    /** The entity's key, `<group>#<id>`. */
    readonly entityKey: string,
    /** What is wrong. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`feature state of ${entityKey}: profile item ${reason}`, options);
    this.name = 'CorruptProfileError';
  }
}
