import { createHash } from 'node:crypto';
import { toTsvLine, type GeneratedEvent } from '../../lib/generator';
import { ENRICHED_FIELDS, type EnrichedEvent } from '../../schemas/enriched-event';

/** Options of {@link restamp}. */
export interface RestampOptions {
  /** Where the first event's collector time goes, epoch ms. */
  readonly startMs: number;
  /** Events per second the result has, from its first collector time to its last. */
  readonly rate: number;
  /** Makes new event ids, the same for the same salt (so one traffic can be sent twice as distinct events). */
  readonly salt: string;
}

const TIMESTAMP_FIELDS = ENRICHED_FIELDS.filter((f) => f.kind === 'timestamp').map((f) => f.name);

/** A UUID-shaped id from an event id and a salt. */
function newId(eventId: string, salt: string): string {
  const h = createHash('md5').update(salt).update(eventId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The same traffic moved in time and paced to exactly `rate`: every timestamp field of every
 * event goes through one linear map (collector time of the first event to `startMs`, the span
 * scaled so the events come at `rate` a second), which keeps each event's order and its
 * lateness relative to the others; event ids are replaced from `salt` (a duplicate keeps its
 * original's new id, so it is still a duplicate). The lines are written again with the
 * generator's own `toTsvLine`.
 *
 * @example
 * const live = restamp(pool, { startMs: Date.now(), rate: 1000, salt: 'freshness' });
 */
export function restamp(events: readonly GeneratedEvent[], options: RestampOptions): GeneratedEvent[] {
  if (events.length === 0) return [];
  const first = events[0]!.collectorTimeMs;
  const span = events[events.length - 1]!.collectorTimeMs - first;
  const scale = span > 0 && events.length > 1 ? (events.length - 1) / (options.rate / 1000) / span : 1;
  const map = (ms: number): number => Math.round(options.startMs + (ms - first) * scale);
  // A duplicate shares its original's typed event: write each typed event once.
  const written = new Map<EnrichedEvent, { event: EnrichedEvent; line: string }>();
  return events.map((g) => {
    let done = written.get(g.event);
    if (done === undefined) {
      const event: Record<string, unknown> = { ...g.event };
      for (const name of TIMESTAMP_FIELDS) if (typeof event[name] === 'number') event[name] = map(event[name]);
      if (typeof event.event_id === 'string') event.event_id = newId(event.event_id, options.salt);
      const typed = event as EnrichedEvent;
      done = { event: typed, line: toTsvLine(typed) };
      written.set(g.event, done);
    }
    return { ...g, event: done.event, line: done.line, eventTimeMs: map(g.eventTimeMs), collectorTimeMs: map(g.collectorTimeMs) };
  });
}
