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

/** A state item that cannot be read (no version, facts that are not JSON, a missing overflow item), naming the entity. */
export class CorruptStateError extends Error {
  constructor(
    /** The entity's key, `<group>#<id>`. */
    readonly entityKey: string,
    /** What is wrong. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`feature state of ${entityKey}: ${reason}`, options);
    this.name = 'CorruptStateError';
  }
}

/** BatchGetItem or BatchWriteItem left keys or items unprocessed (DynamoDB's throttling of batches); retried with backoff. */
export class UnprocessedStateRequestsError extends Error {
  constructor(
    /** The operation. */
    readonly operation: 'BatchGetItem' | 'BatchWriteItem',
    /** How many keys or items were left. */
    readonly unprocessed: number,
  ) {
    super(`${operation} left ${unprocessed} ${operation === 'BatchGetItem' ? 'keys' : 'items'} unprocessed (throttled)`);
    this.name = 'UnprocessedStateRequestsError';
  }
}
