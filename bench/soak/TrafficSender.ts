import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { setTimeout as sleep } from 'node:timers/promises';
import { PUT_TICK_MS } from '../reports/measureFreshness';
import { PUT_RECORDS_MAX, putEvents } from '../reports/putEvents';
import type { SoakRecord, SoakTraffic } from './SoakTraffic';

/** Counters of a {@link TrafficSender}. */
export interface SenderStats {
  /** Generated events Kinesis acknowledged. */
  readonly sent: number;
  /** Records due and not yet acknowledged (the stack is down, or PutRecords is behind). */
  readonly pending: number;
  /** PutRecords calls that failed (while the stack was down, for instance). */
  readonly failedCalls: number;
  /** First put and last acknowledgement, epoch ms. */
  readonly firstPutMs: number | undefined;
  readonly lastAckMs: number | undefined;
}

/** Pause after a failed PutRecords call before the records are sent again. */
const RETRY_MS = 250;
/** Due events wait in the traffic (which then falls behind the clock) rather than here once this many seconds of traffic are pending. */
const MAX_PENDING_SECONDS = 10;

/**
 * Puts the soak's traffic into the enriched stream the way the reports benchmark's freshness run
 * does (due events gathered every 100 ms, 500 records a PutRecords call through putEvents, which
 * sends refused records again), until `untilMs`; then sends what is still pending. A call that
 * fails (the stack is being killed and restarted) is tried again with the same records, as a
 * producer with at-least-once delivery does, so some records may be in the stream twice: the
 * consumers must not count them twice. When the stack takes records more slowly than the
 * traffic comes due, at most 10 s of traffic waits here and the rest waits in the traffic, which
 * falls behind the clock: what is sent is then what the stack accepted (the achieved rate says so).
 */
export class TrafficSender {
  private pending: SoakRecord[] = [];
  private sent = 0;
  private failedCalls = 0;
  private firstPutMs: number | undefined;
  private lastAckMs: number | undefined;
  private lastError: string | undefined;

  constructor(
    private readonly kinesis: KinesisClient,
    private readonly streamName: string,
    private readonly traffic: SoakTraffic,
    /** Mean events per second, which bounds what is pending. */
    private readonly rate: number,
  ) {}

  /** The counters so far. */
  stats(): SenderStats {
    return { sent: this.sent, pending: this.pending.length, failedCalls: this.failedCalls, firstPutMs: this.firstPutMs, lastAckMs: this.lastAckMs };
  }

  /**
   * Sends until `untilMs`, then until nothing is pending or `flushDeadlineMs` passes.
   *
   * @throws Error when records are still pending at the flush deadline, naming the last PutRecords error.
   */
  async run(untilMs: number, flushDeadlineMs: number): Promise<void> {
    this.traffic.begin();
    while (Date.now() < untilMs) {
      const tick = Date.now();
      this.pending.push(...this.traffic.take(tick, Math.max(0, Math.ceil(this.rate * MAX_PENDING_SECONDS) - this.pending.length)));
      await this.putPending(untilMs);
      await sleep(Math.max(0, tick + PUT_TICK_MS - Date.now()));
    }
    while (this.pending.length > 0 && Date.now() < flushDeadlineMs) {
      if (!(await this.putPending(flushDeadlineMs))) await sleep(RETRY_MS);
    }
    if (this.pending.length > 0) throw new Error(`soak: ${this.pending.length} records could not be put (last error: ${this.lastError ?? 'none'})`);
  }

  /** Puts pending records, 500 a call, until none is left, a call fails (false) or `untilMs` passes. */
  private async putPending(untilMs: number): Promise<boolean> {
    while (this.pending.length > 0 && Date.now() < untilMs) {
      const chunk = this.pending.slice(0, PUT_RECORDS_MAX);
      this.firstPutMs ??= Date.now();
      try {
        await putEvents(this.kinesis, this.streamName, chunk.map((r) => r.entry));
      } catch (error) {
        this.failedCalls++;
        this.lastError = error instanceof Error ? error.message : String(error);
        await sleep(RETRY_MS);
        return false;
      }
      this.pending.splice(0, chunk.length);
      this.sent += chunk.filter((r) => r.generated).length;
      this.lastAckMs = Date.now();
    }
    return true;
  }
}
