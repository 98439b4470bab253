import type { CpuAccount } from './CpuAccount';
import type { LagSample, RssSample, SoakResult } from './types';

const MB = 1024 * 1024;
const round1 = (n: number): number => Math.round(n * 10) / 10;
const mean = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);

/** Samples a run of the stack needs before its memory trend is judged (one a second: 2 minutes). */
export const MIN_TREND_SAMPLES = 120;
/** The last third's mean may exceed the first third's by this factor and still be flat. */
export const FLAT_MEMORY_FACTOR = 1.25;

/** Peak RSS over all samples, and per run of the stack its peak and the means of its first and last third, in MB. */
export function summariseMemory(samples: readonly RssSample[]): SoakResult['memory'] {
  const runs = ([1, 2] as const).map((run) => {
    const rss = samples.filter((s) => s.run === run).map((s) => s.rssBytes / MB);
    const third = Math.max(1, Math.floor(rss.length / 3));
    return {
      run,
      samples: rss.length,
      peakMb: round1(Math.max(0, ...rss)),
      firstThirdMb: round1(mean(rss.slice(0, third))),
      lastThirdMb: round1(mean(rss.slice(-third))),
    };
  });
  return { peakRssMb: round1(Math.max(0, ...samples.map((s) => s.rssBytes / MB))), runs };
}

/**
 * Whether memory stayed flat: in each run of the stack long enough to judge, the last third's
 * mean RSS is at most 1.25 times the first third's. Null when no run had 2 minutes of samples.
 */
export function memoryFlat(memory: SoakResult['memory']): boolean | null {
  const judged = memory.runs.filter((r) => r.samples >= MIN_TREND_SAMPLES);
  return judged.length === 0 ? null : judged.every((r) => r.lastThirdMb <= r.firstThirdMb * FLAT_MEMORY_FACTOR);
}

/** The largest iterator age of any consumer among the samples taken from `fromMs` to `toMs` (since the traffic began), in s. */
export function maxIteratorAgeSeconds(samples: readonly LagSample[], fromMs: number, toMs: number): number {
  const ages = samples.filter((s) => s.atMs >= fromMs && s.atMs <= toMs).flatMap((s) => Object.values(s.iteratorAgeMs));
  return round1(Math.max(0, ...ages) / 1000);
}

/** The key of the whole `snowline up` process in the soak's {@link CpuAccount}; the threads go by their own names. */
export const PROCESS_CPU = 'process';

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The soak's CPU figures: `snowline up` as a whole and each of its threads (from `GET /api/health`),
 * and the soak's own sender, per event sent and in cores over `wallSeconds`. What the process used
 * beyond its threads' sum (libuv's pool, where leveldb works; V8's GC threads; tsx's loader) is
 * `otherMicrosPerEvent`. Null when the process's CPU could not be read (no /proc) or nothing was sent.
 */
export function summariseCpu(cpu: CpuAccount, eventsSent: number, wallSeconds: number, sender: NodeJS.CpuUsage): SoakResult['cpu'] {
  const total = cpu.usedMicros(PROCESS_CPU);
  if (total === undefined || eventsSent === 0) return null;
  const perEvent = (micros: number): number => Math.round(micros / eventsSent);
  const cores = (micros: number): number => round2(micros / 1e6 / wallSeconds);
  const byThread = cpu
    .keys()
    .filter((key) => key !== PROCESS_CPU)
    .map((name) => ({ name, micros: cpu.usedMicros(name) ?? 0 }))
    .sort((a, b) => b.micros - a.micros);
  const threadsMicros = byThread.reduce((sum, t) => sum + t.micros, 0);
  return {
    stackMicrosPerEvent: perEvent(total),
    stackCores: cores(total),
    byThread: byThread.map((t) => ({ name: t.name, microsPerEvent: perEvent(t.micros), cores: cores(t.micros) })),
    otherMicrosPerEvent: perEvent(Math.max(0, total - threadsMicros)),
    senderMicrosPerEvent: perEvent(sender.user + sender.system),
    senderCores: cores(sender.user + sender.system),
  };
}
