import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { SAGEMAKER_HEADERS } from './constants';
import type { SageMakerRuntimeError } from './errors';

/** A fresh `x-amzn-RequestId`, a UUID as SageMaker sends it. */
export const newRequestId = (): string => randomUUID();

/**
 * Writes an error as SageMaker's restJson1 protocol does: the status, `x-amzn-ErrorType`
 * naming the error (the SDK reads it first) and a JSON body with `Message` and the error's
 * modelled fields.
 */
export const writeError = (response: ServerResponse, error: SageMakerRuntimeError, requestId: string): void => {
  const body = JSON.stringify(error.wireBody());
  response.writeHead(error.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    [SAGEMAKER_HEADERS.errorType]: error.type,
    [SAGEMAKER_HEADERS.requestId]: requestId,
  });
  response.end(body);
};
