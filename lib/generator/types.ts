import type { EnrichedEvent } from '../../schemas/enriched-event';
import type { Catalog } from './catalog';

/** Options of `generateEvents`. Every option has a fixed default: no wall clock, no `Math.random`. */
export interface GenerateOptions {
  /** How many lines to yield, duplicates and late events included. @default Infinity (an endless stream) */
  readonly events?: number;
  /** The run seed: the same seed and options give byte-identical lines. @default 1 */
  readonly seed?: number;
  /** When traffic starts (true time of the first session), epoch ms or a Date. @default 2026-11-22T10:00:00Z */
  readonly start?: number | Date;
  /** How many distinct visitors (`domain_userid`s) may appear. Range 1-1000000. @default 1000 */
  readonly users?: number;
  /** Mean sessions starting per minute (Poisson arrivals). Range 0.01-100000. @default 12 */
  readonly sessionsPerMinute?: number;
  /** Share of lines that are late events (created minutes earlier, sent later). Range 0-1, with `duplicateRatio` below 1 together. @default 0 */
  readonly lateRatio?: number;
  /** Share of lines that repeat, byte for byte, a line yielded shortly before. Range 0-1, with `lateRatio` below 1 together. @default 0 */
  readonly duplicateRatio?: number;
  /** The shop. @default buildCatalog() */
  readonly catalog?: Catalog;
}

/** One generated line with the typed values it was written from. */
export interface GeneratedEvent {
  /** The enriched TSV line (131 tab-separated fields, no newline). */
  readonly line: string;
  /** The typed values of the line (shared by a duplicate and its original: do not mutate). */
  readonly event: EnrichedEvent;
  /** Event time: `derived_tstamp`, else `collector_tstamp`, epoch ms. */
  readonly eventTimeMs: number;
  /** `collector_tstamp`, epoch ms: the order lines arrive in. */
  readonly collectorTimeMs: number;
  /** Whether this line was held in a device's offline queue and arrives minutes after its event time. */
  readonly late: boolean;
  /** Whether this line repeats an earlier line exactly. */
  readonly duplicate: boolean;
}
