/** Errors of `snowline status`. Each says what was found and what to do. */

/** Base class of every `snowline status` error. */
export class StatusCommandError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StatusCommandError';
  }
}

/** The stack's endpoints are written, but its HTTP API does not answer (a killed `snowline up`). */
export class StackNotAnsweringError extends StatusCommandError {
  constructor(
    /** The health URL tried. */
    readonly url: string,
    /** The data dir. */
    readonly dataDir: string,
    /** The command that starts a stack there. */
    readonly startCommand: string,
    options?: { cause?: unknown },
  ) {
    const reason = options?.cause instanceof Error ? options.cause.message || options.cause.name : String(options?.cause);
    super(`the local stack in ${dataDir} does not answer at ${url} (${reason}): start it again with \`${startCommand}\``, options);
    this.name = 'StackNotAnsweringError';
  }
}

/** The stack answered its health check with something other than the consumers' counters. */
export class UnexpectedHealthError extends StatusCommandError {
  constructor(
    /** The health URL. */
    readonly url: string,
    /** What was wrong, e.g. `HTTP 401` or `consumers.0.shards: expected array`. */
    readonly detail: string,
  ) {
    super(`the local stack's health check at ${url} did not give the consumers' counters: ${detail}`);
    this.name = 'UnexpectedHealthError';
  }
}
