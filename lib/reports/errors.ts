/** Errors of the report aggregation. Each names the record or item and the field at fault. */

/** Base class of every report error. */
export class ReportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportError';
  }
}

/** A Kinesis record whose `sequenceNumber` is not a decimal number of at most `SEQUENCE_WIDTH` digits. */
export class InvalidSequenceNumberError extends ReportError {
  constructor(
    /** The sequence number as it arrived. */
    readonly sequenceNumber: string,
    /** What it should be. */
    readonly expectation: string,
  ) {
    super(`record sequenceNumber ${JSON.stringify(sequenceNumber)} is not ${expectation}`);
    this.name = 'InvalidSequenceNumberError';
  }
}

/** Bytes that are not a serialized HyperLogLog sketch (see `HyperLogLog.toBytes`). */
export class InvalidSketchError extends ReportError {
  constructor(
    /** Where the bytes came from, e.g. `item visitors#minute/2026-11-22T10:00:00.000Z#0 attribute hll`. */
    readonly source: string,
    /** What is wrong. */
    readonly reason: string,
  ) {
    super(`${source}: not a HyperLogLog sketch: ${reason}`);
    this.name = 'InvalidSketchError';
  }
}

/** A shard state's fingerprints that are not a whole number of 8-byte fingerprints. */
export class InvalidShardStateError extends ReportError {
  constructor(
    /** The shard. */
    readonly shardId: string,
    /** The attribute at fault. */
    readonly field: string,
    /** What is wrong. */
    readonly reason: string,
  ) {
    super(`state of shard ${shardId}, field ${field}: ${reason}`);
    this.name = 'InvalidShardStateError';
  }
}

/** A sum value that is not a finite decimal, e.g. a `tr_total` of NaN. */
export class InvalidAmountError extends ReportError {
  constructor(
    /** The event, by `event_id`. */
    readonly eventId: string | null,
    /** The field, e.g. `tr_total`. */
    readonly field: string,
    /** The value. */
    readonly value: number,
  ) {
    super(`event ${eventId ?? '(no event_id)'}, field ${field}: ${value} is not a finite amount`);
    this.name = 'InvalidAmountError';
  }
}

/** An event with neither `derived_tstamp` nor `collector_tstamp`: it has no window. */
export class MissingEventTimeError extends ReportError {
  constructor(
    /** The event, by `event_id`. */
    readonly eventId: string | null,
    /** The record it came in. */
    readonly sequenceNumber: string,
  ) {
    super(`event ${eventId ?? '(no event_id)'} of record ${sequenceNumber}: neither derived_tstamp nor collector_tstamp is set`);
    this.name = 'MissingEventTimeError';
  }
}
