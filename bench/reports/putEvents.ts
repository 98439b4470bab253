import { PutRecordsCommand, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GeneratedEvent } from '../../lib/generator';

/** PutRecords takes at most 500 records a call. */
export const PUT_RECORDS_MAX = 500;
const MAX_ATTEMPTS = 20;
/** A PutRecords call that takes longer than this fails (the local Kinesis answers in milliseconds). */
const CALL_TIMEOUT_MS = 30_000;

/** The PutRecords entry of a generated event: its TSV line, keyed by `domain_userid` as Snowplow's producers key. */
export const toEntry = (g: GeneratedEvent): PutRecordsRequestEntry => ({ Data: Buffer.from(g.line), PartitionKey: g.event.domain_userid ?? g.event.event_id ?? 'none' });

/**
 * Puts up to 500 records with PutRecords, sending again (after 100 ms, at most 20 calls) the
 * records Kinesis refuses, so every record is in the stream when it resolves.
 *
 * @throws Error when records are still refused after 20 calls, or a call fails outright or takes over 30 s.
 */
export async function putEvents(client: KinesisClient, streamName: string, entries: readonly PutRecordsRequestEntry[]): Promise<void> {
  let pending = [...entries];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const out = await client.send(new PutRecordsCommand({ StreamName: streamName, Records: pending }), { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    pending = pending.filter((_, i) => out.Records?.[i]?.ErrorCode !== undefined);
    if (pending.length === 0) return;
    if (attempt === MAX_ATTEMPTS) throw new Error(`reports bench: Kinesis still refused ${pending.length} records after ${MAX_ATTEMPTS} PutRecords calls`);
    await sleep(100);
  }
}
