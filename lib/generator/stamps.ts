import { createHash } from 'node:crypto';
import type { EnrichedEvent } from '../../schemas/enriched-event';
import type { Rng } from './Rng';

/**
 * The four clocks of an event. Device times are on the device's (possibly wrong) clock; the
 * collector and Enrich times on the server's.
 */
export interface Stamps {
  readonly dvceCreatedMs: number;
  readonly dvceSentMs: number;
  readonly collectorMs: number;
  readonly etlMs: number;
}

/** Network latency from the browser to the collector, ms. */
function latency(rng: Rng): number {
  return rng.int(20, 350);
}

/**
 * The stamps of an event sent right away: the tracker's queue adds up to a second and a half,
 * the network some milliseconds. `trueMs` is when it happened; `skewMs` how far the device clock is off.
 */
export function onTimeStamps(rng: Rng, trueMs: number, skewMs: number): Stamps {
  const sendDelay = rng.chance(0.8) ? rng.int(2, 200) : rng.int(200, 1_500);
  const collectorMs = trueMs + sendDelay + latency(rng);
  return { dvceCreatedMs: trueMs + skewMs, dvceSentMs: trueMs + sendDelay + skewMs, collectorMs, etlMs: collectorMs + rng.int(300, 2_500) };
}

/**
 * The stamps of an event the tracker kept in its offline queue and sent when `collectorMs`
 * came: created long before, sent and collected now, so its derived time stays in the past.
 */
export function lateStamps(rng: Rng, trueMs: number, skewMs: number, collectorMs: number): Stamps {
  const sentMs = collectorMs - latency(rng);
  return { dvceCreatedMs: trueMs + skewMs, dvceSentMs: sentMs + skewMs, collectorMs, etlMs: collectorMs + rng.int(300, 2_500) };
}

/**
 * Writes the stamps into an event with what Enrich derives from them: `derived_tstamp` =
 * collector_tstamp - (dvce_sent_tstamp - dvce_created_tstamp), and an `event_fingerprint`.
 * Returns the same event object.
 */
export function applyStamps(event: EnrichedEvent, stamps: Stamps): EnrichedEvent {
  event.dvce_created_tstamp = stamps.dvceCreatedMs;
  event.dvce_sent_tstamp = stamps.dvceSentMs;
  event.collector_tstamp = stamps.collectorMs;
  event.etl_tstamp = stamps.etlMs;
  event.derived_tstamp = stamps.collectorMs - (stamps.dvceSentMs - stamps.dvceCreatedMs);
  event.event_fingerprint = createHash('md5')
    .update(`${event.event_id}\u0000${event.event}\u0000${stamps.dvceCreatedMs}\u0000${event.page_url ?? ''}`)
    .digest('hex');
  return event;
}
