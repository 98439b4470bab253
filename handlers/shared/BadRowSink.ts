/** One bad row to send, with the Kinesis record it came from. */
export interface BadRow {
  /** The bad row, Snowplow's bad-row JSON. */
  readonly json: string;
  /** The source record's partition key, reused so a record's bad rows stay together. */
  readonly partitionKey: string;
  /** The source record's sequence number: reported when the row cannot be written. */
  readonly sequenceNumber: string;
}

/** Where bad rows go. */
export interface BadRowSink {
  /** Writes the rows; resolves with the sequence numbers of the records whose rows could not all be written. */
  send(rows: readonly BadRow[]): Promise<Set<string>>;
}
