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

/** A state entry that cannot be read back, naming the entity and the entry's fingerprint. */
export class CorruptStateEntryError extends FeatureComputationError {
  constructor(
    /** The entity's key, `<group>#<id>`. */
    readonly entityKey: string,
    /** The entry's event fingerprint. */
    readonly fingerprint: string,
    /** Its value. */
    readonly value: string,
  ) {
    super(`feature state of ${entityKey}: entry ${fingerprint} holds ${JSON.stringify(value)}, not an entry`);
    this.name = 'CorruptStateEntryError';
  }
}

/** An entity whose state or record could not be written, naming it and the stage; the cause is the store's or writer's last error. */
export class EntityWriteError extends FeatureComputationError {
  constructor(
    /** The entity, `<group>#<id>`. */
    readonly entityKey: string,
    /** `state`: reading or writing its window state; `record`: its PutRecord. */
    readonly stage: 'state' | 'record',
    options: { cause: unknown },
  ) {
    super(`feature entity ${entityKey}: ${stage === 'state' ? 'its window state' : 'its record'} could not be written (${(options.cause as Error)?.message ?? String(options.cause)})`, options);
    this.name = 'EntityWriteError';
  }
}
