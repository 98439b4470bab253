/** Types of the demo traffic. */
import type { KinesisClient } from '@aws-sdk/client-kinesis';

/** Options of {@link startDemoTraffic}. */
export interface DemoTrafficOptions {
  /** A Kinesis client, or the endpoint to create one for (destroyed on stop). */
  readonly kinesis: KinesisClient | string;
  /** The stream events are put into (the enriched stream). */
  readonly streamName: string;
  /** Mean events per second. Range 0.1-5000. @default 20 */
  readonly rate?: number;
  /** The generator's seed. @default - from the clock, so each run has its own event ids */
  readonly seed?: number;
  /** Distinct visitors; many, so that few are already in a session when picked. @default 50000 */
  readonly users?: number;
  /** Share of late events (sent minutes after they happened). @default 0.02 */
  readonly lateRatio?: number;
  /** Share of exact duplicates (as at-least-once delivery makes). @default 0.01 */
  readonly duplicateRatio?: number;
  /** How often a heartbeat line is logged, in ms; 0 for none. @default 10000 */
  readonly heartbeatMs?: number;
  /** Where heartbeat and error lines go. @default - silent */
  readonly log?: (line: string) => void;
  /** More to say in each heartbeat (e.g. what the consumers read). @default - nothing */
  readonly heartbeatDetail?: () => string;
}

/** Counters of the demo traffic. */
export interface DemoStats {
  /** Events Kinesis acknowledged. */
  readonly sent: number;
  /** Events waiting to be sent (due, or retried after a throttle or an error). */
  readonly pending: number;
  /** PutRecords calls that failed outright, and records Kinesis refused (retried). */
  readonly errors: number;
  /** Since the first event, in ms. */
  readonly elapsedMs: number;
}

/** Running demo traffic. */
export interface DemoTraffic {
  stats(): DemoStats;
  /** Stops sending; an in-flight PutRecords finishes first. Safe to call twice. */
  stop(): Promise<DemoStats>;
}
