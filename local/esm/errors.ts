/** Errors of the local event source mapping runner. */

/** Base class of every error thrown by `local/esm`. */
export class EventSourceMappingError extends Error {
  /** The mapping the error is about. */
  readonly mapping: string;

  constructor(mapping: string, message: string, options?: { cause?: unknown }) {
    super(`event source mapping '${mapping}': ${message}`, options);
    this.name = 'EventSourceMappingError';
    this.mapping = mapping;
  }
}

/** A setting is outside Lambda's range (the same ranges the real CreateEventSourceMapping enforces). */
export class InvalidEventSourceSettingsError extends EventSourceMappingError {
  /** The setting, e.g. `batchSize`. */
  readonly field: string;
  /** The value that arrived. */
  readonly value: unknown;

  constructor(mapping: string, field: string, value: unknown, expected: string) {
    super(mapping, `${field} must be ${expected}, got ${JSON.stringify(value)}`);
    this.name = 'InvalidEventSourceSettingsError';
    this.field = field;
    this.value = value;
  }
}

/** An option of `startEventSourceMapping` (not a Lambda setting) is wrong. */
export class InvalidMappingOptionError extends EventSourceMappingError {
  /** The option, e.g. `name`. */
  readonly option: string;

  constructor(mapping: string, option: string, detail: string) {
    super(mapping, `option ${option} ${detail}`);
    this.name = 'InvalidMappingOptionError';
    this.option = option;
  }
}

/** The checkpoint file exists but cannot be read, parsed, or belongs to another stream. */
export class CheckpointFileError extends EventSourceMappingError {
  /** The checkpoint file. */
  readonly path: string;

  constructor(mapping: string, path: string, detail: string, options?: { cause?: unknown }) {
    super(mapping, `checkpoint file ${path} ${detail}`, options);
    this.name = 'CheckpointFileError';
    this.path = path;
  }
}

/** The stream to poll does not exist or cannot be listed. */
export class EventSourceStreamError extends EventSourceMappingError {
  /** The stream. */
  readonly streamName: string;

  constructor(mapping: string, streamName: string, options?: { cause?: unknown }) {
    super(mapping, `cannot list the shards of stream '${streamName}'`, options);
    this.name = 'EventSourceStreamError';
    this.streamName = streamName;
  }
}
