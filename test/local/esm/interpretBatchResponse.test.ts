import type { KinesisStreamRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { interpretBatchResponse } from '../../../local/esm';

const batch = ['100', '200', '300'].map(
  (sequenceNumber) => ({ kinesis: { sequenceNumber } }) as unknown as KinesisStreamRecord,
);

describe('interpretBatchResponse', () => {
  it.each([
    ['no response', undefined],
    ['null', null],
    ['an empty object', {}],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
    ['a string', 'done'],
  ])('reads %s as complete success', (_, response) => {
    expect(interpretBatchResponse(response, batch, true)).toEqual({ kind: 'success' });
  });

  it('resumes at the lowest failed record, whatever the order of the list', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '300' }, { itemIdentifier: '200' }] };

    expect(interpretBatchResponse(response, batch, true)).toEqual({ kind: 'partial', failedIndex: 1 });
  });

  it.each([
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }, 'batchItemFailures[0].itemIdentifier is missing or empty'],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: '200' }, { itemIdentifier: null }] }, 'batchItemFailures[1].itemIdentifier is missing or empty'],
    ['a bad key name', { batchItemFailures: [{ sequenceNumber: '200' }] }, 'batchItemFailures[0].itemIdentifier is missing or empty'],
    ['an identifier not in the batch', { batchItemFailures: [{ itemIdentifier: '250' }] }, 'batchItemFailures[0].itemIdentifier 250 is not in the batch'],
    ['a list that is not a list', { batchItemFailures: { itemIdentifier: '200' } }, 'batchItemFailures is not a list'],
  ])('reads %s as complete failure', (_, response, reason) => {
    expect(interpretBatchResponse(response, batch, true)).toEqual({ kind: 'failure', reason });
  });

  it('ignores the response without ReportBatchItemFailures', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '' }] };

    expect(interpretBatchResponse(response, batch, false)).toEqual({ kind: 'success' });
  });
});
