import { z } from 'zod';
import { HEALTH_TIMEOUT_MS } from './constants';
import { StackNotAnsweringError, UnexpectedHealthError } from './errors';

const count = z.number().int().nonnegative();

/** The consumers' counters in the local stack's `GET /api/health` (the mappings' `stats()`). */
export const ConsumerStatsSchema = z.object({
  name: z.string(),
  streamName: z.string(),
  shards: z.array(
    z.object({
      shardId: z.string(),
      state: z.string(),
      millisBehindLatest: count,
      iteratorAgeMs: count,
      bufferedRecords: count,
      recordsProcessed: count,
      batches: count,
      failedBatches: count,
      recordsToOnFailure: count,
      checkpoint: z.string().optional().nullable(),
      lastError: z.string().optional().nullable(),
    }),
  ),
  recordsProcessed: count,
  batches: count,
  failedBatches: count,
  recordsToOnFailure: count,
});

/** One consumer's counters, as the health check gives them. */
export type ConsumerStats = z.infer<typeof ConsumerStatsSchema>;

/** Where the stack is and how to reach it. */
export interface HealthSource {
  /** The HTTP API's base URL (endpoints.json `http`). */
  readonly http: string;
  /** The API key, when the stack requires one (endpoints.json `apiKey`). */
  readonly apiKey?: string | undefined;
  readonly dataDir: string;
  readonly startCommand: string;
}

/**
 * The consumers' counters from `GET /api/health` of the running stack (sent with the API key when
 * the stack has one). A 503 while starting still carries them.
 *
 * @throws StackNotAnsweringError when nothing answers
 * @throws UnexpectedHealthError when the answer holds no counters
 */
export async function fetchConsumerStats(source: HealthSource): Promise<ConsumerStats[]> {
  const url = `${source.http}/api/health`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: source.apiKey ? { 'x-api-key': source.apiKey } : {},
      signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
    });
  } catch (error) {
    throw new StackNotAnsweringError(url, source.dataDir, source.startCommand, { cause: error });
  }
  if (response.status !== 200 && response.status !== 503) {
    throw new UnexpectedHealthError(url, `HTTP ${response.status}`);
  }
  const parsed = z.object({ consumers: z.array(ConsumerStatsSchema) }).safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UnexpectedHealthError(url, `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  }
  return parsed.data.consumers;
}
