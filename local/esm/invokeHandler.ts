import { randomUUID } from 'node:crypto';
import type { KinesisStreamRecord } from 'aws-lambda';
import { createInvokeContext } from './createInvokeContext';
import { interpretBatchResponse, type BatchResponseOutcome } from './interpretBatchResponse';
import type { KinesisBatchHandler, MappingIdentity } from './types';

/** The result of one invocation, as the poller needs it. */
export interface Invocation {
  readonly requestId: string;
  readonly outcome: BatchResponseOutcome;
  /** `Unhandled` when the function threw or timed out (Lambda's X-Amz-Function-Error). */
  readonly functionError: string | undefined;
}

/** Options of {@link invokeHandler}. */
export interface InvokeOptions {
  readonly identity: MappingIdentity;
  readonly reportBatchItemFailures: boolean;
  readonly timeoutMs: number | undefined;
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Invokes the handler once with a batch, as Lambda invokes a function synchronously: a throw,
 * a rejection or a timeout is a function error; a return value is read with
 * {@link interpretBatchResponse}.
 */
export async function invokeHandler(
  handler: KinesisBatchHandler,
  records: readonly KinesisStreamRecord[],
  options: InvokeOptions,
): Promise<Invocation> {
  const requestId = randomUUID();
  const context = createInvokeContext(options.identity, requestId, options.timeoutMs);
  try {
    // The handler gets its own copy, so it cannot alter records the runner may send again.
    const event = { Records: structuredClone(records as KinesisStreamRecord[]) };
    const response = await withTimeout(Promise.resolve().then(() => handler(event, context)), options.timeoutMs);
    return {
      requestId,
      outcome: interpretBatchResponse(response, records, options.reportBatchItemFailures),
      functionError: undefined,
    };
  } catch (err) {
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { requestId, outcome: { kind: 'failure', reason }, functionError: 'Unhandled' };
  }
}
