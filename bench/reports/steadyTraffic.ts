import { generateEvents, type GeneratedEvent } from '../../lib/generator';
import { calibrateSessions } from '../../local/demo';
import { RAMP_UP_MS } from '../../local/demo/calibrateSessions';

/** Options of {@link steadyTraffic}. */
export interface SteadyTrafficOptions {
  /** Mean events per second once traffic is steady. */
  readonly rate: number;
  /** The generator's seed. */
  readonly seed: number;
  /** How many events to return. */
  readonly count: number;
  /** Share of late events. @default 0.02 */
  readonly lateRatio?: number;
  /** Share of exact duplicates. @default 0.01 */
  readonly duplicateRatio?: number;
  /** Distinct visitors, as the local demo has them. @default 50000 */
  readonly users?: number;
}

/**
 * `count` events of the shop's generated Zipf traffic at about `rate` events per second, once
 * it is steady: the generator is calibrated as the local demo calibrates it, and the first 8
 * simulated minutes (RAMP_UP_MS, the span the calibration also skips) are generated and
 * dropped. Skipping them matters: sessions last minutes, so the rate is still climbing before,
 * and late events are released 1 to 60 minutes after their time, so before that there are
 * almost none. That costs about 35 s of CPU at 1,000 events/s (the generator formats every line).
 * Times are the generator's own (2026-11-22); {@link restamp} moves them.
 */
export function steadyTraffic(options: SteadyTrafficOptions): GeneratedEvent[] {
  const users = options.users ?? 50_000;
  const events = generateEvents({
    seed: options.seed,
    users,
    sessionsPerMinute: calibrateSessions(options.rate, options.seed, users),
    lateRatio: options.lateRatio ?? 0.02,
    duplicateRatio: options.duplicateRatio ?? 0.01,
  });
  const out: GeneratedEvent[] = [];
  let steadyFromMs: number | undefined;
  for (const event of events) {
    steadyFromMs ??= event.collectorTimeMs + RAMP_UP_MS;
    if (event.collectorTimeMs < steadyFromMs) continue;
    out.push(event);
    if (out.length === options.count) break;
  }
  return out;
}
