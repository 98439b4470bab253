import type { KinesisStreamRecord } from 'aws-lambda';

/** How Lambda reads what the function returned. */
export type BatchResponseOutcome =
  | { readonly kind: 'success' }
  /** Records before `failedIndex` succeeded; processing resumes at it. */
  | { readonly kind: 'partial'; readonly failedIndex: number }
  | { readonly kind: 'failure'; readonly reason: string };

/**
 * Reads a handler's return value as Lambda does with ReportBatchItemFailures.
 *
 * Complete success: no response, no or an empty `batchItemFailures`. Complete failure: an entry
 * whose `itemIdentifier` is missing, empty, not a string or not a sequence number of the batch.
 * Otherwise the lowest failed sequence number is where the next batch starts.
 * Without ReportBatchItemFailures the response is ignored.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 */
export function interpretBatchResponse(
  response: unknown,
  batch: readonly KinesisStreamRecord[],
  reportBatchItemFailures: boolean,
): BatchResponseOutcome {
  if (!reportBatchItemFailures || response === null || typeof response !== 'object') return { kind: 'success' };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };

  const indexBySequence = new Map(batch.map((r, i) => [r.kinesis.sequenceNumber, i]));
  let lowest = Number.POSITIVE_INFINITY;
  for (const [i, failure] of failures.entries()) {
    const id: unknown = failure === null || typeof failure !== 'object' ? undefined : (failure as { itemIdentifier?: unknown }).itemIdentifier;
    if (typeof id !== 'string' || id === '') {
      return { kind: 'failure', reason: `batchItemFailures[${i}].itemIdentifier is missing or empty` };
    }
    const index = indexBySequence.get(id);
    if (index === undefined) {
      return { kind: 'failure', reason: `batchItemFailures[${i}].itemIdentifier ${id} is not in the batch` };
    }
    lowest = Math.min(lowest, index);
  }
  return { kind: 'partial', failedIndex: lowest };
}
