import { generateEvents } from '../../lib/generator';

/** The session rate the generator is probed at. */
const PROBE_SESSIONS_PER_MINUTE = 60;
/** Simulated time before traffic is steady (sessions last minutes, so the rate ramps up). */
export const RAMP_UP_MS = 8 * 60_000;
/** Simulated time the steady rate is measured over. */
const WINDOW_MS = 4 * 60_000;

/**
 * The `sessionsPerMinute` that makes the generator produce about `rate` events per second once
 * traffic is steady, measured on a probe run (sessions vary in length and visitors already in a
 * session do not start another, so it cannot be computed from the options alone).
 */
export function calibrateSessions(rate: number, seed: number, users: number): number {
  let count = 0;
  for (const event of generateEvents({ seed, users, sessionsPerMinute: PROBE_SESSIONS_PER_MINUTE, start: 0 })) {
    if (event.collectorTimeMs >= RAMP_UP_MS + WINDOW_MS) break;
    if (event.collectorTimeMs >= RAMP_UP_MS) count++;
  }
  const perSecondAtProbe = Math.max(count, 1) / (WINDOW_MS / 1000);
  return Math.min(100_000, Math.max(0.01, (PROBE_SESSIONS_PER_MINUTE * rate) / perSecondAtProbe));
}
