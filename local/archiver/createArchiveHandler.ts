import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { readKinesisRecord } from '../../handlers/shared';
import { pseudonymousEventRow, type PseudonymousEventRow, type Pseudonymiser } from '../../lib/privacy';
import { parseEnrichedEventStrict } from '../../lib/snowplow';
import type { EventArchive } from './EventArchive';

/** What {@link createArchiveHandler} needs. */
export interface ArchiveHandlerOptions {
  /** Where the rows are staged and written. */
  readonly archive: EventArchive;
  /** The pseudonymiser of the personal fields. */
  readonly pseudonymiser: Pseudonymiser;
  /** @default new Logger({ serviceName: 'snowline-archiver' }) */
  readonly logger?: Logger;
}

/**
 * The local archiver's function on the enriched stream (what Firehose does on AWS): decodes and
 * strictly parses each record's lines, pseudonymises each event, and stages the batch durably
 * before it returns, so the checkpoint moves only past archived records. A line that does not
 * parse, or has no collector_tstamp or event_id, is not archived: the report and feature
 * consumers send it to the bad-rows stream. A failure to stage throws, so the runner retries the
 * batch; the retry may stage some events twice, and each Parquet file holds an event id once.
 *
 * @example
 * ```ts
 * const handler = createArchiveHandler({ archive: await EventArchive.open({ lakeDir, stagingDir }), pseudonymiser });
 * ```
 */
export function createArchiveHandler(options: ArchiveHandlerOptions) {
  const logger = options.logger ?? new Logger({ serviceName: 'snowline-archiver' });
  const now = () => new Date();
  return async (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
    const rows: PseudonymousEventRow[] = [];
    let skipped = 0;
    for (const record of event.Records) {
      const read = readKinesisRecord(record, parseEnrichedEventStrict, now);
      skipped += read.badRows.length;
      for (const parsed of read.events) {
        if (parsed.collector_tstamp === null || parsed.event_id === null) skipped++;
        else rows.push(pseudonymousEventRow(parsed, options.pseudonymiser));
      }
    }
    await options.archive.append(rows);
    try {
      await options.archive.flushIfDue();
    } catch (error) {
      // The rows are staged; a failed write is tried again at the next flush.
      logger.error('archive flush failed', { error: error as Error });
    }
    logger.debug('batch archived', { records: event.Records.length, staged: rows.length, skipped });
    return { batchItemFailures: [] };
  };
}
