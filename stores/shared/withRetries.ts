/** How {@link withRetries} backs off. */
export interface RetryOptions {
  /** Attempts in all, the first included. Range 1-20. @default 8 */
  readonly maxAttempts?: number;
  /** The first backoff's ceiling, ms; it doubles with each retry. @default 25 */
  readonly baseDelayMs?: number;
  /** The largest backoff ceiling, ms. @default 2000 */
  readonly maxDelayMs?: number;
  /** Which errors are worth another attempt. @default isRetryableError */
  readonly isRetryable?: (error: unknown) => boolean;
  /** Waits; injectable for tests. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform random in [0, 1); injectable for tests. @default Math.random */
  readonly random?: () => number;
}

/** Error names AWS services use for throttling and transient faults. */
const RETRYABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'TransactionConflictException',
  'KMSThrottlingException',
  'TimeoutError',
]);

/** Network failures Node reports by code. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);

/**
 * Whether an AWS SDK v3 error is transient: throttling (ProvisionedThroughputExceeded and its
 * kin), a 5xx, a timeout or a dropped connection. A conditional check failure or a validation
 * error is not: repeating the request cannot change its answer.
 */
export function isRetryableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (e.name !== undefined && RETRYABLE_NAMES.has(e.name)) return true;
  if (e.code !== undefined && RETRYABLE_CODES.has(e.code)) return true;
  if (e.$retryable !== undefined) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, an error is not retryable, or the attempts run out, backing
 * off exponentially with full jitter (a delay drawn uniformly below min(max, base * 2^n)), so that
 * throttled writers spread out instead of retrying in step. Rethrows the last error.
 *
 * @example
 * await withRetries(() => client.send(new UpdateItemCommand(input)), { maxAttempts: 5 });
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseDelayMs ?? 25;
  const cap = options.maxDelayMs ?? 2000;
  const retryable = options.isRetryable ?? isRetryableError;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= maxAttempts || !retryable(error)) throw error;
      await sleep(Math.floor(random() * Math.min(cap, base * 2 ** (n - 1))));
    }
  }
}
