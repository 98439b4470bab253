/** Errors of the query translation. Each names the query input at fault. */

/** Base class of every query error. */
export class QueryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueryError';
  }
}

/** The SQL names an input (`{{name}}`) it was given no table or files for. */
export class MissingQueryInputError extends QueryError {
  constructor(
    /** The placeholder's name, e.g. `user_activity`. */
    readonly input: string,
    /** The inputs that were given. */
    readonly given: readonly string[],
  ) {
    super(`the query reads {{${input}}} but no source was given for it (given: ${given.length === 0 ? 'none' : given.join(', ')})`);
    this.name = 'MissingQueryInputError';
  }
}

/** A source that cannot be written into SQL safely (an empty name, a glob with a newline). */
export class InvalidQuerySourceError extends QueryError {
  constructor(
    /** The placeholder's name. */
    readonly input: string,
    /** What is wrong. */
    readonly reason: string,
  ) {
    super(`source for {{${input}}}: ${reason}`);
    this.name = 'InvalidQuerySourceError';
  }
}

/** An input of a query has no files in the local lake yet. */
export class MissingLakeDataError extends QueryError {
  constructor(
    /** The placeholder's name, e.g. `events`. */
    readonly input: string,
    /** The folder the files would be under. */
    readonly folder: string,
    /** What writes them, e.g. `the events archiver, once a minute`. */
    readonly filledBy: string,
    /** What to do about it, appended after a semicolon. @default - nothing */
    readonly hint?: string,
  ) {
    super(`the query reads {{${input}}} but there are no files for it under ${folder} yet (written by ${filledBy})${hint === undefined ? '' : `; ${hint}`}`);
    this.name = 'MissingLakeDataError';
  }
}
