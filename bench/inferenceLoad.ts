import { Agent } from 'node:http';
import { keepAliveRequest } from './keepAliveRequest';
import { quantile } from './reports/quantile';

/** What one load run measured. */
export interface LoadResult {
  readonly concurrency: number;
  readonly requests: number;
  /** Answers other than 200, by status. */
  readonly failures: Record<string, number>;
  /** 200 answers that said `degraded`. */
  readonly degraded: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly predictionsPerS: number;
}

/**
 * Keeps `concurrency` requests in flight (closed loop) against `POST {base}/predict` (with the
 * API key as `x-api-key`) for `durationMs` after `warmupMs` not measured, each for the user
 * `nextUser()` picks; latency is the client's, from sending the request to the last byte of the answer.
 */
export async function runLoad(base: string, apiKey: string, concurrency: number, durationMs: number, warmupMs: number, nextUser: () => string): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL('/predict', base);
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let degraded = 0;
  const startedAt = performance.now();
  const measureFrom = startedAt + warmupMs;
  const stopAt = measureFrom + durationMs;
  const loop = async () => {
    while (performance.now() < stopAt) {
      const t0 = performance.now();
      const { status, text } = await keepAliveRequest(agent, url, 'POST', JSON.stringify({ domain_userid: nextUser() }), { 'x-api-key': apiKey });
      const t1 = performance.now();
      if (t0 < measureFrom || t1 > stopAt) continue;
      latencies.push(t1 - t0);
      if (status !== 200) failures[status] = (failures[status] ?? 0) + 1;
      else if (text.includes('"degraded":true')) degraded++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  agent.destroy();
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    concurrency,
    requests: latencies.length,
    failures,
    degraded,
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
    maxMs: round(Math.max(...latencies)),
    predictionsPerS: Math.round(((latencies.length - Object.values(failures).reduce((a, b) => a + b, 0)) / durationMs) * 1000),
  };
}
