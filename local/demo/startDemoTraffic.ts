import { PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateEvents } from '../../lib/generator';
import { resolveKinesisClient } from '../kinesis/createLocalKinesisClient';
import { calibrateSessions, RAMP_UP_MS } from './calibrateSessions';
import { InvalidDemoOptionError } from './errors';
import type { DemoStats, DemoTraffic, DemoTrafficOptions } from './types';

/** PutRecords takes at most 500 records a call. */
const BATCH = 500;
/** How often due events are gathered and sent, in ms. */
const TICK_MS = 100;
/** At most this many events are generated and dropped to skip the generator's ramp-up. */
const RAMP_UP_EVENTS = 40_000;

const formatCount = (n: number): string => n.toLocaleString('en-US');

/**
 * Puts generated shop traffic into a Kinesis stream through the real SDK client, the way
 * Snowplow Enrich's Kinesis sink does: one enriched TSV line per record, PutRecords in batches,
 * partition key `domain_userid`. Each event is sent when its collector time comes due, with the
 * generator calibrated to a mean of `rate` events per second, so timestamps follow the wall clock
 * (sessions come and go, so the rate of any 10 seconds varies around the mean). Records
 * Kinesis refuses (throttling) are sent again first, keeping each user's order. A heartbeat line
 * is logged every `heartbeatMs`.
 *
 * @throws InvalidDemoOptionError for a rate or heartbeat out of range.
 * @example
 * const demo = await startDemoTraffic({ kinesis: endpoints.kinesis, streamName: 'snowline-enriched', rate: 20, log: console.log });
 * // ...
 * await demo.stop();
 */
export async function startDemoTraffic(options: DemoTrafficOptions): Promise<DemoTraffic> {
  const rate = options.rate ?? 20;
  if (!(rate >= 0.1 && rate <= 5_000)) throw new InvalidDemoOptionError('rate', rate, 'a number of events per second from 0.1 to 5000');
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  if (!(heartbeatMs >= 0)) throw new InvalidDemoOptionError('heartbeatMs', heartbeatMs, 'a number of milliseconds >= 0');
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? Date.now() % 2_147_483_647;
  const users = options.users ?? 50_000;
  const sessionsPerMinute = calibrateSessions(rate, seed, users);
  // The generator starts with no session under way; starting it in the past and dropping what
  // falls before now gives steady traffic from the first second.
  const startMs = Date.now();
  const rampUpMs = Math.min(RAMP_UP_MS, (RAMP_UP_EVENTS / rate) * 1000);
  const events = generateEvents({
    seed,
    users,
    sessionsPerMinute,
    start: startMs - rampUpMs,
    lateRatio: options.lateRatio ?? 0.02,
    duplicateRatio: options.duplicateRatio ?? 0.01,
  });
  const { client, owned } = resolveKinesisClient(options.kinesis);

  let next = events.next();
  while (!next.done && next.value.collectorTimeMs < startMs) next = events.next();
  const pending: PutRecordsRequestEntry[] = [];
  const maxPending = Math.max(BATCH, Math.ceil(rate * 30));
  let sent = 0;
  let errors = 0;
  let lastError: string | undefined;
  const stopper = new AbortController();

  const pause = (ms: number): Promise<void> => sleep(ms, undefined, { signal: stopper.signal }).catch(() => undefined);
  const stats = (): DemoStats => ({ sent, pending: pending.length, errors, elapsedMs: Date.now() - startMs });

  const sendDue = async (): Promise<void> => {
    const now = Date.now();
    while (!next.done && next.value.collectorTimeMs <= now && pending.length < maxPending) {
      const { line, event } = next.value;
      pending.push({ Data: Buffer.from(line), PartitionKey: event.domain_userid ?? event.event_id ?? 'unknown' });
      next = events.next();
    }
    while (pending.length > 0 && !stopper.signal.aborted) {
      const batch = pending.slice(0, BATCH);
      try {
        const out = await client.send(new PutRecordsCommand({ StreamName: options.streamName, Records: batch }));
        const refused = batch.filter((_, i) => out.Records?.[i]?.ErrorCode !== undefined);
        pending.splice(0, batch.length, ...refused);
        sent += batch.length - refused.length;
        errors += refused.length;
        if (refused.length > 0) await pause(200);
      } catch (error) {
        errors++;
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastError) log(`demo: PutRecords failed (${message}); retrying`);
        lastError = message;
        await pause(1_000);
        return;
      }
    }
  };

  const loop = (async () => {
    while (!stopper.signal.aborted) {
      await sendDue();
      await pause(TICK_MS);
    }
  })();

  let lastBeat = { sent: 0, at: startMs };
  const heartbeat =
    heartbeatMs === 0
      ? undefined
      : setInterval(() => {
          const now = Date.now();
          const perSecond = ((sent - lastBeat.sent) * 1000) / Math.max(1, now - lastBeat.at);
          lastBeat = { sent, at: now };
          const detail = options.heartbeatDetail?.() ?? '';
          log(`demo: ${formatCount(sent)} events sent, ${perSecond.toFixed(1)}/s over the last ${Math.round(heartbeatMs / 1000)} s${detail === '' ? '' : `; ${detail}`}`);
        }, heartbeatMs);
  heartbeat?.unref();

  let stopping: Promise<DemoStats> | undefined;
  return {
    stats,
    stop: () =>
      (stopping ??= (async () => {
        stopper.abort();
        clearInterval(heartbeat);
        await loop;
        if (owned) client.destroy();
        return stats();
      })()),
  };
}
