import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { HTTP_API_DEFAULTS } from './constants';

/** What the local Lambda context is built from. */
export interface LambdaContextOptions {
  readonly functionName: string;
  readonly accountId: string;
  readonly region: string;
  /** When the invocation must be over, in epoch milliseconds. */
  readonly deadline: number;
  readonly now: Date;
}

/** A Lambda function name derived from a route key: `GET /api/reports/{report}` → `http-get-api-reports-report`. */
export const functionNameFor = (routeKey: string): string =>
  `http-${routeKey}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-+$/, '')
    .slice(0, 64);

/**
 * Builds the Lambda `Context` a handler receives, with the fields Lambda fills in
 * (`awsRequestId`, ARN, log group and stream, remaining time).
 */
export const buildContext = (options: LambdaContextOptions): Context => {
  const { functionName, accountId, region, deadline, now } = options;
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: HTTP_API_DEFAULTS.memoryLimitInMB,
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    // Deprecated callback-era methods: async handlers return instead.
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
