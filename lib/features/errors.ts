/** Errors of the streaming feature computation. */

/** The base of this module's errors. */
export class FeatureComputationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeatureComputationError';
  }
}

/** A feature group declaration the streaming computation cannot run, naming the group and feature. */
export class UnsupportedFeatureError extends FeatureComputationError {
  constructor(
    /** The feature group. */
    readonly group: string,
    /** The feature. */
    readonly feature: string,
    /** What is wrong with it. */
    readonly reason: string,
  ) {
    super(`feature group '${group}', feature '${feature}': ${reason}`);
    this.name = 'UnsupportedFeatureError';
  }
}

/** A state entry that cannot be read back, naming the entity and the attribute. */
export class CorruptStateEntryError extends FeatureComputationError {
  constructor(
    /** The entity's key, `<group>#<id>`. */
    readonly entityKey: string,
    /** The attribute, `e:<fingerprint>`. */
    readonly attribute: string,
    /** Its value. */
    readonly value: string,
  ) {
    super(`feature state of ${entityKey}: attribute ${attribute} holds ${JSON.stringify(value)}, not an entry`);
    this.name = 'CorruptStateEntryError';
  }
}
