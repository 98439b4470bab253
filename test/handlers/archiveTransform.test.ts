import { gzipSync } from 'node:zlib';
import type { FirehoseTransformationEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createArchiveTransformHandler, transformArchiveRecords } from '../../handlers/archive-transform';
import { generateEvents } from '../../lib/generator';
import { Pseudonymiser, type PseudonymisationKeyProvider } from '../../lib/privacy';

const KEY = 'transform-test-key-0123456789abcdef';

/** A Firehose transformation event of Kinesis records with these payloads. */
function firehoseEvent(payloads: readonly Buffer[]): FirehoseTransformationEvent {
  return {
    invocationId: 'invocation-1',
    deliveryStreamArn: 'arn:aws:firehose:eu-west-1:111122223333:deliverystream/events',
    sourceKinesisStreamArn: 'arn:aws:kinesis:eu-west-1:111122223333:stream/snowline-enriched',
    region: 'eu-west-1',
    records: payloads.map((data, i) => ({ recordId: `r${i}`, approximateArrivalTimestamp: 1_763_805_600_000, data: data.toString('base64') })),
  };
}

const decodeRows = (data: string) =>
  Buffer.from(data, 'base64')
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the events archive transform', () => {
  const events = [...generateEvents({ events: 40, seed: 4, users: 10, sessionsPerMinute: 50 })];
  const pseudonymiser = new Pseudonymiser(KEY, { ipAddresses: 'truncate' });

  it('turns each record into JSON rows of every field, personal fields pseudonymised, with the collector date as partition key', () => {
    const batch = Buffer.from(events.slice(0, 10).map((e) => e.line).join('\n'));
    const { result, counts } = transformArchiveRecords(firehoseEvent([Buffer.from(events[10]!.line), gzipSync(batch)]), pseudonymiser);

    expect(result.records.map((r) => [r.recordId, r.result, r.metadata?.partitionKeys])).toEqual([
      ['r0', 'Ok', { date: '2026-11-22' }],
      ['r1', 'Ok', { date: '2026-11-22' }],
    ]);
    const rows = decodeRows(result.records[1]!.data!);
    expect(rows.map((r) => r.event_id)).toEqual(events.slice(0, 10).map((e) => e.event.event_id));
    for (const [i, row] of rows.entries()) {
      const truth = events[i]!.event;
      expect(Object.keys(row)).toHaveLength(131);
      expect(row.user_id).toBe(truth.user_id === null ? null : pseudonymiser.hash(truth.user_id));
      expect(row.user_ipaddress).toBe(truth.user_ipaddress!.replace(/\.\d+$/, '.0'));
      expect(row.domain_userid).toBe(truth.domain_userid);
      expect(row.collector_tstamp).toBe(new Date(truth.collector_tstamp!).toISOString().slice(0, 23).replace('T', ' '));
    }
    expect(counts).toEqual({ records: 2, events: 11, skippedLines: 0, droppedRecords: 0 });
  });

  it('drops a record with no line to archive and skips the bad lines of a mixed one', () => {
    const { result, counts } = transformArchiveRecords(
      firehoseEvent([Buffer.from('not an event\nnor this'), Buffer.from(`garbage\n${events[0]!.line}`), Buffer.from([0x1f, 0x8b, 0x00])]),
      pseudonymiser,
    );
    expect(result.records.map((r) => r.result)).toEqual(['Dropped', 'Ok', 'Dropped']);
    expect(decodeRows(result.records[1]!.data!).map((r) => r.event_id)).toEqual([events[0]!.event.event_id]);
    expect(counts).toEqual({ records: 3, events: 1, skippedLines: 3, droppedRecords: 2 });
  });

  it('reads the key once through its provider, and tries again after a failure', async () => {
    let calls = 0;
    const provider: PseudonymisationKeyProvider = {
      getKey: async () => {
        calls++;
        if (calls === 1) throw new Error('secret unavailable');
        return KEY;
      },
    };
    const handler = createArchiveTransformHandler({ keyProvider: provider });
    const event = firehoseEvent([Buffer.from(events[0]!.line)]);
    await expect(handler(event)).rejects.toThrow('secret unavailable');
    const first = await handler(event);
    await handler(event);
    expect(calls).toBe(2);
    expect(decodeRows(first.records[0]!.data!)[0]!.user_ipaddress).toBe(new Pseudonymiser(KEY).hash(events[0]!.event.user_ipaddress!));
  });
});
