/** Errors of the local DMS replicator. */

/** Base class of every error thrown by `local/replicator`. */
export class ReplicatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReplicatorError';
  }
}

/** A line of `test_decoding` output could not be parsed; names the line and where it went wrong. */
export class TestDecodingParseError extends ReplicatorError {
  /** The line (its first 200 characters). */
  readonly line: string;
  /** The character offset where parsing stopped. */
  readonly position: number;

  constructor(line: string, position: number, problem: string) {
    const shown = line.length > 200 ? `${line.slice(0, 200)}…` : line;
    super(`cannot parse test_decoding output at character ${position}: ${problem} (line: ${shown})`);
    this.name = 'TestDecodingParseError';
    this.line = shown;
    this.position = position;
  }
}

/** A replicated value does not fit its declared column (type, NULL in a key, a column missing); names the table, the column and the value. */
export class ReplicatedValueError extends ReplicatorError {
  readonly table: string;
  readonly column: string;

  constructor(table: string, column: string, problem: string) {
    super(`${table}.${column}: ${problem}`);
    this.name = 'ReplicatedValueError';
    this.table = table;
    this.column = column;
  }
}
