import { readFile } from 'node:fs/promises';
import type { MappingStats } from '../../local/esm';
import { apiKeyHeaders } from '../../local/http';
import type { ThreadCpu } from '../../local/up';

/** What the soak reads of `GET /api/health`: each consumer's progress, and each thread's CPU. */
interface HealthSample {
  readonly consumers?: readonly MappingStats[];
  readonly threads?: readonly ThreadCpu[];
}

/**
 * From the stack's `GET /api/health` (sent with the stack's API key): the largest iterator age
 * (Lambda's IteratorAge: how old the newest record of the last batch was when it was invoked) over
 * each consumer's shards, and the CPU each of its threads has used so far; undefined when the
 * stack does not answer in 2 s (it is being restarted).
 */
export async function readHealth(endpoints: { readonly http: string; readonly apiKey?: string | undefined }): Promise<{ iteratorAgeMs: Record<string, number>; threads: readonly ThreadCpu[] } | undefined> {
  try {
    const response = await fetch(`${endpoints.http}/api/health`, { headers: apiKeyHeaders(endpoints), signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as HealthSample;
    return {
      iteratorAgeMs: Object.fromEntries((body.consumers ?? []).map((c) => [c.name, Math.max(0, ...c.shards.map((s) => s.iteratorAgeMs))])),
      threads: body.threads ?? [],
    };
  } catch {
    return undefined;
  }
}

/**
 * The resident memory of a process (VmRSS in `/proc/<pid>/status`), in bytes; undefined when it
 * is gone or there is no `/proc`.
 */
export async function readRssBytes(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status === undefined ? undefined : /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}
