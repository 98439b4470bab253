/** Errors of the pseudonymisation. Each names the key's source and what is wrong. */

/** Base class of every pseudonymisation error. */
export class PrivacyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrivacyError';
  }
}

/** A key that cannot be used: too short, unreadable, or a key file others can read. */
export class InvalidPseudonymisationKeyError extends PrivacyError {
  constructor(
    /** Where the key came from: a file path or a secret id. */
    readonly source: string,
    /** What is wrong. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`pseudonymisation key from ${source}: ${reason}`, options);
    this.name = 'InvalidPseudonymisationKeyError';
  }
}

/** A bad option of the pseudonymiser, e.g. an unknown IP address mode. */
export class InvalidPseudonymiserOptionError extends PrivacyError {
  constructor(
    /** The option. */
    readonly option: string,
    /** The value that arrived. */
    readonly value: unknown,
    /** What was expected. */
    readonly expected: string,
  ) {
    super(`pseudonymiser option ${option}: expected ${expected}, got ${JSON.stringify(value)}`);
    this.name = 'InvalidPseudonymiserOptionError';
  }
}
