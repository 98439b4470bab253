/** Errors of `snowline query`. Each says what was asked for and what to do. */

/** Base class of every `snowline query` error. */
export class QueryCommandError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueryCommandError';
  }
}

/** A name that is not a query of `queries/`. */
export class UnknownQueryError extends QueryCommandError {
  constructor(
    readonly queryName: string,
    /** The queries there are. */
    readonly available: readonly string[],
  ) {
    super(`unknown query '${queryName}': expected one of ${available.join(', ')}, a path to a .sql file, or --sql "..."`);
    this.name = 'UnknownQueryError';
  }
}

/** A query file that cannot be read. */
export class QueryFileError extends QueryCommandError {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot read the query file ${file}: ${reason}`, options);
    this.name = 'QueryFileError';
  }
}

/** Neither or both of a query and `--sql`. */
export class QueryChoiceError extends QueryCommandError {
  constructor(
    readonly problem: string,
    readonly available: readonly string[],
  ) {
    super(`${problem}: give a query name (${available.join(', ')}), a .sql file, or --sql "..."`);
    this.name = 'QueryChoiceError';
  }
}
