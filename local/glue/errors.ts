/** Errors of the local Glue merge. Each names the table at fault. */

/** Base class of every merge error. */
export class LakeMergeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LakeMergeError';
  }
}

/** `tables` named a table the shop does not have. */
export class UnknownLakeTableError extends LakeMergeError {
  constructor(
    /** The name that arrived. */
    readonly table: string,
    /** The shop's tables. */
    readonly known: readonly string[],
  ) {
    super(`unknown shop table '${table}': expected one of ${known.join(', ')}`);
    this.name = 'UnknownLakeTableError';
  }
}

/** A table's merge failed (unreadable raw file, missing column); its current state is unchanged. */
export class TableMergeFailedError extends LakeMergeError {
  constructor(
    /** The shop table. */
    readonly table: string,
    /** What failed. */
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`merge of '${table}' failed, its current state is unchanged: ${reason}`, options);
    this.name = 'TableMergeFailedError';
  }
}
