/** Errors of the local Kinesis helper. */

/** Base class of every error thrown by `local/kinesis`. */
export class LocalKinesisError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalKinesisError';
  }
}

/** kinesalite could not start (port in use, data directory not writable, ...). */
export class KinesisStartError extends LocalKinesisError {
  /** The port that was asked for (0 means any free port). */
  readonly port: number;
  /** The on-disk directory, when one was used. */
  readonly path: string | undefined;

  constructor(port: number, path: string | undefined, options?: { cause?: unknown }) {
    const where = path === undefined ? 'in memory' : `on disk at ${path}`;
    super(`kinesalite could not listen on port ${port} (${where})`, options);
    this.name = 'KinesisStartError';
    this.port = port;
    this.path = path;
  }
}

/** A `StreamDefinition` that cannot be created (bad name, shard count or retention). */
export class InvalidStreamDefinitionError extends LocalKinesisError {
  /** The stream the definition describes. */
  readonly streamName: string;
  /** The field that is wrong. */
  readonly field: string;

  constructor(streamName: string, field: string, detail: string) {
    super(`stream definition '${streamName}': ${field} ${detail}`);
    this.name = 'InvalidStreamDefinitionError';
    this.streamName = streamName;
    this.field = field;
  }
}

/** A stream did not become ACTIVE within the allowed time. */
export class StreamNotActiveError extends LocalKinesisError {
  /** The stream that was waited for. */
  readonly streamName: string;
  /** The last status seen, if any. */
  readonly lastStatus: string | undefined;

  constructor(streamName: string, waitedMs: number, lastStatus: string | undefined) {
    super(`stream '${streamName}' was not ACTIVE after ${waitedMs} ms (last status: ${lastStatus ?? 'unknown'})`);
    this.name = 'StreamNotActiveError';
    this.streamName = streamName;
    this.lastStatus = lastStatus;
  }
}
