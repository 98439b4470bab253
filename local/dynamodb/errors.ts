/** Errors of the local DynamoDB service. */

/** Base class of every error thrown by `local/dynamodb`. */
export class LocalDynamoDbError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalDynamoDbError';
  }
}

/** A `TableDefinition` that cannot be created (bad name, key or index). */
export class InvalidTableDefinitionError extends LocalDynamoDbError {
  /** The table the definition describes. */
  readonly tableName: string;
  /** The field that is wrong. */
  readonly field: string;

  constructor(tableName: string, field: string, detail: string) {
    super(`table definition '${tableName}': ${field} ${detail}`);
    this.name = 'InvalidTableDefinitionError';
    this.tableName = tableName;
    this.field = field;
  }
}

/** A table did not become ACTIVE within the allowed time. */
export class TableNotActiveError extends LocalDynamoDbError {
  /** The table that was waited for. */
  readonly tableName: string;
  /** The last status seen, if any. */
  readonly lastStatus: string | undefined;

  constructor(tableName: string, waitedMs: number, lastStatus: string | undefined) {
    super(`table '${tableName}' was not ACTIVE after ${waitedMs} ms (last status: ${lastStatus ?? 'unknown'})`);
    this.name = 'TableNotActiveError';
    this.tableName = tableName;
    this.lastStatus = lastStatus;
  }
}

/** An existing table's keys differ from its definition: it cannot be changed in place. */
export class TableKeyMismatchError extends LocalDynamoDbError {
  /** The table. */
  readonly tableName: string;

  constructor(tableName: string, expected: string, actual: string) {
    super(
      `table '${tableName}' exists with key schema ${actual}, but its definition says ${expected}; ` +
        'start with --fresh (or delete the table) to recreate it',
    );
    this.name = 'TableKeyMismatchError';
    this.tableName = tableName;
  }
}
