/** Errors of the local events archiver. */

/** Base class of every archiver error. */
export class ArchiverError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchiverError';
  }
}

/** A bad buffering option, named with the value that arrived. */
export class InvalidArchiveOptionError extends ArchiverError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`archiver option ${option}: expected ${expected}, got ${JSON.stringify(value)}`);
    this.name = 'InvalidArchiveOptionError';
  }
}

/** A staged segment that could not be written as Parquet; it stays staged and is tried again. */
export class ArchiveFlushError extends ArchiverError {
  constructor(
    /** The staged segment file. */
    readonly segment: string,
    options?: { cause?: unknown },
  ) {
    super(`archiver: could not write staged segment ${segment} as Parquet (kept, tried again at the next flush): ${(options?.cause as Error | undefined)?.message ?? 'unknown error'}`, options);
    this.name = 'ArchiveFlushError';
  }
}
