import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { EXECUTED_VERSION } from './constants';
import type { MappingIdentity } from './types';

/** Lambda's largest timeout, used for `getRemainingTimeInMillis` when no timeout is set. */
const MAX_TIMEOUT_MS = 900_000;

function unsupported(name: string): () => never {
  return () => {
    throw new Error(`context.${name}() is not supported by the local runner: return a promise instead`);
  };
}

/**
 * The Lambda `Context` a handler receives locally: the same names and ARNs as on AWS, and a
 * deadline from the configured function timeout.
 */
export function createInvokeContext(
  identity: MappingIdentity,
  requestId: string,
  timeoutMs: number | undefined,
  startedAt: number = Date.now(),
): Context {
  const deadline = startedAt + (timeoutMs ?? MAX_TIMEOUT_MS);
  const day = new Date(startedAt).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: identity.functionName,
    functionVersion: EXECUTED_VERSION,
    invokedFunctionArn: identity.functionArn,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${identity.functionName}`,
    logStreamName: `${day}/[${EXECUTED_VERSION}]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}
