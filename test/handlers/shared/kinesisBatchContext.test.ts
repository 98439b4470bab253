import { describe, expect, it } from 'vitest';
import { kinesisBatchContext, shardOfRecord } from '../../../handlers/shared/observability';
import { kinesisRecord, seq } from '../helpers';

describe('kinesisBatchContext', () => {
  it('gives the shard, the first and last sequence numbers in delivery order, and the age of the oldest arrival', () => {
    // kinesisRecord(n) arrives at 1_763_805_600_000 + n ms; delivered out of arrival order here.
    const records = [kinesisRecord('a', 7, 'pk', 'shardId-000000000003'), kinesisRecord('b', 2, 'pk', 'shardId-000000000003'), kinesisRecord('c', 9, 'pk', 'shardId-000000000003')];
    expect(kinesisBatchContext(records, 1_763_805_600_000 + 1_002)).toEqual({
      shardId: 'shardId-000000000003',
      firstSequenceNumber: seq(7),
      lastSequenceNumber: seq(9),
      records: 3,
      iteratorAgeMs: 1_000,
    });
  });

  it('never reports a negative age (a clock behind the stream)', () => {
    expect(kinesisBatchContext([kinesisRecord('a', 5)], 1_763_805_600_000).iteratorAgeMs).toBe(0);
  });

  it('refuses an empty list, saying so', () => {
    expect(() => kinesisBatchContext([], Date.now())).toThrow('kinesisBatchContext: expected at least one record, got none');
  });

  it('reads the shard from an eventID with or without a sequence number', () => {
    const record = kinesisRecord('a', 1, 'pk', 'shardId-000000000001');
    expect(shardOfRecord(record)).toBe('shardId-000000000001');
    expect(shardOfRecord({ ...record, eventID: 'shardId-000000000002' })).toBe('shardId-000000000002');
  });
});
