/** Errors of the DynamoDB report store. Each names the item (pk and sk) and the attribute at fault. */

/** Base class of the report store's errors. */
export class ReportStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportStoreError';
  }
}

/** An item write that still failed after its retries. */
export class ItemWriteError extends ReportStoreError {
  constructor(
    readonly pk: string,
    readonly sk: string,
    /** The lowest sequence number of the records whose additions it did not write. */
    readonly sequenceNumber: string,
    options?: { cause?: unknown },
  ) {
    super(`item ${pk}/${sk}: write failed, from record ${sequenceNumber}: ${(options?.cause as Error | undefined)?.message ?? 'unknown error'}`, options);
    this.name = 'ItemWriteError';
  }
}

/** A stored item whose attribute does not hold what the store wrote there. */
export class InvalidStoredItemError extends ReportStoreError {
  constructor(
    readonly pk: string,
    readonly sk: string,
    /** The attribute, e.g. `hll`. */
    readonly attribute: string,
    /** What is wrong. */
    readonly reason: string,
  ) {
    super(`item ${pk}/${sk}, attribute ${attribute}: ${reason}`);
    this.name = 'InvalidStoredItemError';
  }
}

/** An option of the store that is out of range. */
export class InvalidReportStoreOptionError extends ReportStoreError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expectation: string,
  ) {
    super(`report store option ${option}: ${JSON.stringify(value)} is not ${expectation}`);
    this.name = 'InvalidReportStoreOptionError';
  }
}
