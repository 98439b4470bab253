import type { PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { randomUUID } from 'node:crypto';
import { generateEvents, type GeneratedEvent } from '../../lib/generator';
import { calibrateSessions } from '../../local/demo';
import { RAMP_UP_MS } from '../../local/demo/calibrateSessions';
import { toEntry } from '../reports/putEvents';
import { slimEvent } from './slimEvent';
import type { InjectedFault } from './types';

/** Options of {@link SoakTraffic}. */
export interface SoakTrafficOptions {
  /** Mean events per second once traffic is steady. */
  readonly rate: number;
  readonly seed: number;
  /** @default - none */
  readonly inject?: InjectedFault;
}

/** A record to put, and whether it is one of the generated events (false: a record the `double` fault added). */
export interface SoakRecord {
  readonly entry: PutRecordsRequestEntry;
  readonly generated: boolean;
}

/**
 * The soak's endless shop traffic, with the reports and features benchmarks' generator settings
 * (calibrated to `rate` as the local demo calibrates it, 50,000 visitors, `lateRatio` 0.02,
 * `duplicateRatio` 0.01, partition key `domain_userid`), streamed rather than held: the first 8
 * simulated minutes (the ramp-up steadyTraffic also skips) are generated and dropped, then each
 * event comes due when its collector time does, shifted so the first one is due at `begin()`.
 * Every event handed out is kept, slimmed, for the truth; the injected fault drops some events
 * (kept for the truth, never handed out) or adds copies under new event ids (handed out, not kept).
 */
export class SoakTraffic {
  /** The events handed out or dropped, slimmed (see slimEvent): what the stack must show. */
  readonly truth: GeneratedEvent[] = [];
  private readonly events: Generator<GeneratedEvent, void, undefined>;
  private next: IteratorResult<GeneratedEvent, void>;
  private shiftMs = 0;
  private index = 0;
  /** Events dropped and records added by the fault. */
  dropped = 0;
  doubled = 0;

  constructor(private readonly options: SoakTrafficOptions) {
    const users = 50_000;
    const startMs = Date.now() - RAMP_UP_MS;
    this.events = generateEvents({ seed: options.seed, users, sessionsPerMinute: calibrateSessions(options.rate, options.seed, users), start: startMs, lateRatio: 0.02, duplicateRatio: 0.01 });
    this.next = this.events.next();
    while (!this.next.done && this.next.value.collectorTimeMs < startMs + RAMP_UP_MS) this.next = this.events.next();
  }

  /** Starts the clock: the first steady event is due now. */
  begin(nowMs: number = Date.now()): void {
    if (!this.next.done) this.shiftMs = nowMs - this.next.value.collectorTimeMs;
  }

  /** The records of the events due by `nowMs`, in order: at most `max` events (the rest stay due). */
  take(nowMs: number, max: number = Infinity): SoakRecord[] {
    const out: SoakRecord[] = [];
    const fault = this.options.inject;
    for (let taken = 0; taken < max && !this.next.done && this.next.value.collectorTimeMs + this.shiftMs <= nowMs; taken++) {
      const g = this.next.value;
      this.next = this.events.next();
      const hit = fault !== undefined && this.index++ % fault.every === 0;
      this.truth.push(slimEvent(g));
      if (hit && fault.kind === 'drop') {
        this.dropped++;
        continue;
      }
      out.push({ entry: toEntry(g), generated: true });
      if (hit && fault.kind === 'double' && g.event.event_id !== null) {
        this.doubled++;
        const line = g.line.replace(g.event.event_id, randomUUID());
        out.push({ entry: { ...toEntry(g), Data: Buffer.from(line) }, generated: false });
      }
    }
    return out;
  }
}
