import { SESSION_TIMEOUT_MS } from './constants';
import { MinHeap } from './MinHeap';
import { PagePicker } from './pages';
import { pickReferrer } from './referrers';
import { resolveOptions } from './resolveOptions';
import { Rng, deriveSeed } from './Rng';
import { simulateSession } from './simulateSession';
import { applyStamps, lateStamps, onTimeStamps, type Stamps } from './stamps';
import { toTsvLine } from './toTsvLine';
import type { GenerateOptions, GeneratedEvent } from './types';
import { createVisitor, type Visitor } from './Visitor';
import { ZipfSampler } from './ZipfSampler';
import type { EnrichedEvent } from '../../schemas/enriched-event';

interface Pending {
  readonly trueMs: number;
  readonly skewMs: number;
  readonly event: EnrichedEvent;
  readonly stamps: Stamps;
}

/** At most this many events wait in offline queues at once. */
const OFFLINE_CAP = 10_000;
/** A duplicate repeats a line yielded at most this long before (collector time). */
const DUPLICATE_WINDOW_MS = 60_000;
/** Visitors are picked with this Zipf exponent: some browsers come back much more often. */
const VISITOR_SKEW = 0.7;

/** How long an event stays in an offline queue: mostly 1 to 10 minutes, sometimes up to an hour. */
function offlineDelay(rng: Rng): number {
  return rng.chance(0.9) ? rng.int(60_000, 600_000) : rng.int(900_000, 3_600_000);
}

/**
 * Generates realistic Snowplow enriched events for the demo shop, in collector-time order, the
 * same for the same options (byte for byte).
 *
 * Sessions start as a Poisson process; each is a visitor's walk through the shop (see
 * `simulateSession`). Every yielded line is either an on-time event, a late event (with
 * probability `lateRatio`: one held in a device's offline queue, released minutes after its
 * event time) or an exact duplicate of a line yielded within the last minute (with probability
 * `duplicateRatio`). Each concern draws from its own seeded stream, so the ratios do not change
 * the visitors or their sessions.
 *
 * @example
 * ```ts
 * for (const { line, eventTimeMs } of generateEvents({ events: 1000, seed: 7 })) {
 *   process.stdout.write(`${line}\n`);
 * }
 * ```
 * @throws InvalidGeneratorOptionError when an option is out of range (before the first yield).
 */
export function generateEvents(options: GenerateOptions = {}): Generator<GeneratedEvent, void, undefined> {
  const o = resolveOptions(options);
  return run(o);
}

function* run(o: ReturnType<typeof resolveOptions>): Generator<GeneratedEvent, void, undefined> {
  const traffic = new Rng(deriveSeed(o.seed, 'traffic'));
  const slots = new Rng(deriveSeed(o.seed, 'slots'));
  const late = new Rng(deriveSeed(o.seed, 'late'));
  const picker = new PagePicker(o.catalog, new Rng(deriveSeed(o.seed, 'popularity')));
  const visitorRanks = new ZipfSampler(o.users, VISITOR_SKEW);
  const visitors = new Map<number, Visitor>();
  const queue = new MinHeap<Pending>();
  const offline = new MinHeap<Pending>();
  const recent: GeneratedEvent[] = [];
  const meanGapMs = 60_000 / o.sessionsPerMinute;
  const onTimeShare = 1 - o.lateRatio - o.duplicateRatio;
  // Hold back a bit more than is released, so a ready offline event is usually at hand.
  const holdProbability = o.lateRatio === 0 ? 0 : Math.min(1, (1.5 * o.lateRatio) / onTimeShare);
  let nextArrivalMs = o.startMs;
  let clockMs = o.startMs;

  const visitorAt = (index: number): Visitor => {
    let visitor = visitors.get(index);
    if (visitor === undefined) {
      visitor = createVisitor(o.seed, index, o.catalog);
      visitors.set(index, visitor);
    }
    return visitor;
  };

  const startSession = (atMs: number): void => {
    let visitor: Visitor | undefined;
    for (let attempt = 0; attempt < 5 && visitor === undefined; attempt++) {
      const candidate = visitorAt(visitorRanks.sample(traffic));
      // A browser still inside a session cannot start another.
      if (atMs - candidate.session.lastActivityMs >= SESSION_TIMEOUT_MS) visitor = candidate;
    }
    // The favourite visitors are busy: take the next free one from a random place, so the
    // arrival rate stays steady however long the run (it only drops once every visitor is busy).
    for (let i = 0, start = traffic.int(0, o.users - 1); visitor === undefined && i < o.users; i++) {
      const candidate = visitorAt((start + i) % o.users);
      if (atMs - candidate.session.lastActivityMs >= SESSION_TIMEOUT_MS) visitor = candidate;
    }
    if (visitor === undefined) return;
    const robot = visitor.userAgent.yauaa.deviceClass === 'Robot';
    const sessionId = traffic.uuid();
    const planned = simulateSession({
      rng: traffic,
      visitor,
      picker,
      referrer: pickReferrer(traffic, visitor.country.code, robot),
      startMs: atMs,
      sessionId,
      sessionIndex: visitor.session.index + 1,
      previousSessionId: visitor.session.id,
    });
    visitor.session = { index: visitor.session.index + 1, id: sessionId, lastActivityMs: planned[planned.length - 1]!.atMs };
    for (const p of planned) {
      const stamps = onTimeStamps(traffic, p.atMs, visitor.clockSkewMs);
      queue.push(stamps.collectorMs, { trueMs: p.atMs, skewMs: visitor.clockSkewMs, event: p.event, stamps });
    }
  };

  const nextOnTime = (): Pending => {
    // Every session starting before the head of the queue must be queued first.
    while (queue.peekKey() >= nextArrivalMs) {
      startSession(nextArrivalMs);
      nextArrivalMs += Math.max(1, Math.round(traffic.exponential(meanGapMs)));
    }
    return queue.pop()!;
  };

  const emit = (pending: Pending, stamps: Stamps, isLate: boolean): GeneratedEvent => {
    const event = applyStamps(pending.event, stamps);
    const generated: GeneratedEvent = {
      line: toTsvLine(event),
      event,
      eventTimeMs: event.derived_tstamp ?? stamps.collectorMs,
      collectorTimeMs: stamps.collectorMs,
      late: isLate,
      duplicate: false,
    };
    recent.push(generated);
    while (recent.length > 512 || (recent.length > 1 && recent[0]!.collectorTimeMs < clockMs - DUPLICATE_WINDOW_MS)) {
      recent.shift();
    }
    return generated;
  };

  for (let n = 0; n < o.events; n++) {
    const r = slots.next();
    if (r < o.duplicateRatio && recent.length > 0) {
      yield { ...slots.pick(recent), duplicate: true };
    } else if (r < o.duplicateRatio + o.lateRatio && offline.peekKey() <= clockMs) {
      const pending = offline.pop()!;
      yield emit(pending, lateStamps(late, pending.trueMs, pending.skewMs, clockMs), true);
    } else {
      let pending = nextOnTime();
      while (holdProbability > 0 && offline.size < OFFLINE_CAP && late.chance(holdProbability)) {
        offline.push(pending.trueMs + offlineDelay(late), pending);
        pending = nextOnTime();
      }
      clockMs = Math.max(clockMs, pending.stamps.collectorMs);
      yield emit(pending, pending.stamps, false);
    }
  }
}
