import type { KinesisStreamRecord } from 'aws-lambda';
import { decodeRecord, genericErrorBadRow, type EnrichedEventRecord, type ParseResult } from '../../lib/snowplow';
import type { BadRow } from './BadRowSink';

/** The events of one Kinesis record and the bad rows of what could not be read. */
export interface ReadRecord {
  /** The events of the lines that parsed, in line order. */
  readonly events: EnrichedEventRecord[];
  /** A generic error for bytes that could not be decoded, else one row per line that did not parse. */
  readonly badRows: BadRow[];
}

/**
 * Reads one Kinesis record of the enriched stream: decodes its bytes (plain, gzip or zstd; one
 * or many lines) and parses each line with `parse`. Never throws: what cannot be read becomes a
 * bad row in Snowplow's shape, tagged with the record's sequence number.
 *
 * @example
 * const { events, badRows } = readKinesisRecord(record, parseEnrichedEvent, () => new Date());
 */
export function readKinesisRecord(record: KinesisStreamRecord, parse: (line: string) => ParseResult, now: () => Date): ReadRecord {
  const { partitionKey, sequenceNumber } = record.kinesis;
  const data = Buffer.from(record.kinesis.data, 'base64');
  const decoded = decodeRecord(data);
  if (!decoded.ok) return { events: [], badRows: [{ json: JSON.stringify(genericErrorBadRow(data, [decoded.error], now())), partitionKey, sequenceNumber }] };
  const events: EnrichedEventRecord[] = [];
  const badRows: BadRow[] = [];
  for (const line of decoded.lines) {
    const result = parse(line);
    if (result.ok) events.push(result.event);
    else badRows.push({ json: JSON.stringify(result.badRow), partitionKey, sequenceNumber });
  }
  return { events, badRows };
}
