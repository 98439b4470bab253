/** Builders for the report handler suites: Kinesis events from generated traffic, and the reports read back as the ground truth's shape. */
import { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { TruthAccumulator, generateEvents, type GenerateOptions, type GeneratedEvent, type MinuteTruth } from '../../lib/generator';
import { REPORT_NAMES, type ReportName, type ReportReader } from '../../lib/reports';
import { buildMappingIdentity, toKinesisStreamRecord } from '../../local/esm';
import type { BadRow, BadRowSink } from '../../handlers/shared';
import type { DynamoReportStore } from '../../stores/reports';
import { seq } from '../lib/reports/helpers';

export { seq };

/** The shard every single-shard suite uses. */
export const SHARD = 'shardId-000000000000';

const IDENTITY = buildMappingIdentity({ region: 'us-east-1', account: '000000000000', streamName: 'snowline-enriched', functionName: 'reports' });

/** A Lambda Kinesis record, built by the same function the local event source mapping uses. */
export function kinesisRecord(data: string | Uint8Array, n: number, partitionKey = 'pk', shardId = SHARD): KinesisStreamRecord {
  return toKinesisStreamRecord(
    { Data: typeof data === 'string' ? Buffer.from(data) : data, SequenceNumber: seq(n), PartitionKey: partitionKey, ApproximateArrivalTimestamp: new Date(1_763_805_600_000 + n) },
    shardId,
    IDENTITY,
  );
}

/** Generated lines, one per record, sequence numbers 0..n-1, partitioned by visitor. */
export function generatedRecords(options: GenerateOptions): { generated: GeneratedEvent[]; records: KinesisStreamRecord[] } {
  const generated = [...generateEvents(options)];
  return { generated, records: generated.map((g, i) => kinesisRecord(g.line, i, g.event.domain_userid ?? 'none')) };
}

/** A KinesisStreamEvent of some records. */
export const kinesisEvent = (records: readonly KinesisStreamRecord[]): KinesisStreamEvent => ({ Records: [...records] });

/** A logger that writes nothing (the handler's logs are checked elsewhere). */
export const silentLogger = () => new Logger({ serviceName: 'snowline-reports-test', logLevel: 'SILENT' });

/** Keeps bad rows in memory; can refuse the rows of some records. */
export class MemoryBadRowSink implements BadRowSink {
  readonly rows: BadRow[] = [];
  constructor(private readonly refuse: (row: BadRow) => boolean = () => false) {}
  async send(rows: readonly BadRow[]): Promise<Set<string>> {
    const failed = new Set<string>();
    for (const row of rows) {
      if (this.refuse(row)) failed.add(row.sequenceNumber);
      else this.rows.push(row);
    }
    return failed;
  }
}

/** Counts and sums by window, then report, then dimension; distinct counts apart. */
export interface ReportsView {
  readonly counts: Record<string, Partial<Record<ReportName, Record<string, number>>>>;
  readonly distinct: Record<string, { visitors: number; sessions: number }>;
}

const ADDITIVE = REPORT_NAMES.filter((r) => r !== 'visitors' && r !== 'sessions');

/** Every report of a granularity over [fromMs, toMs), read through the store's reader. */
export async function readView(store: Pick<ReportReader, 'query'>, granularity: 'minute' | 'hour', fromMs: number, toMs: number): Promise<ReportsView> {
  const counts: ReportsView['counts'] = {};
  const distinct: ReportsView['distinct'] = {};
  for (const report of REPORT_NAMES) {
    for (const row of await store.query({ report, granularity, fromMs, toMs })) {
      if (report === 'visitors' || report === 'sessions') {
        (distinct[row.window_start] ??= { visitors: 0, sessions: 0 })[report] = row.value;
      } else {
        ((counts[row.window_start] ??= {})[report] ??= {})[row.dimension!] = row.value;
      }
    }
  }
  return { counts, distinct };
}

function minuteCounts(m: MinuteTruth): Partial<Record<ReportName, Record<string, number>>> {
  const referrers: Record<string, number> = {};
  for (const [medium, sources] of Object.entries(m.referrers)) {
    for (const [source, c] of Object.entries(sources)) if (c.pageViews > 0) referrers[`${medium}/${source}`] = c.pageViews;
  }
  const countries = Object.fromEntries(Object.entries(m.countries).map(([c, n]) => [c, n.events]));
  const all: Record<string, Record<string, number>> = { events: m.events, page_views: m.pageViewsByPath, revenue: m.revenue, orders: m.orders, referrers, countries };
  return Object.fromEntries(ADDITIVE.filter((r) => Object.keys(all[r]!).length > 0).map((r) => [r, all[r]!]));
}

/**
 * What the reports must show for some lines, from the generator's ground truth: minute windows
 * straight from `TruthAccumulator`; hour windows add its minutes up (counts and cents), and
 * count distinct visitors and sessions of the hour from the lines themselves.
 */
export function expectedView(lines: readonly GeneratedEvent[], granularity: 'minute' | 'hour'): ReportsView {
  const truth = new TruthAccumulator();
  for (const g of lines) truth.add(g.event);
  const counts: ReportsView['counts'] = {};
  const distinct: ReportsView['distinct'] = {};
  const windowOf = (iso: string) => (granularity === 'minute' ? iso : new Date(Math.floor(Date.parse(iso) / 3_600_000) * 3_600_000).toISOString());
  const cents: Record<string, Record<string, number>> = {};
  for (const m of truth.result().minutes) {
    const w = windowOf(m.minute);
    const target = (counts[w] ??= {});
    for (const [report, dims] of Object.entries(minuteCounts(m)) as [ReportName, Record<string, number>][]) {
      const into = (target[report] ??= {});
      for (const [d, v] of Object.entries(dims)) {
        if (report === 'revenue') {
          const c = ((cents[w] ??= {})[d] = (cents[w]?.[d] ?? 0) + Math.round(v * 100));
          into[d] = c / 100;
        } else into[d] = (into[d] ?? 0) + v;
      }
    }
    if (granularity === 'minute') distinct[w] = { visitors: m.visitors, sessions: m.sessions };
  }
  if (granularity === 'hour') {
    const sets: Record<string, { visitors: Set<string>; sessions: Set<string> }> = {};
    for (const g of lines) {
      const s = (sets[windowOf(new Date(g.eventTimeMs).toISOString())] ??= { visitors: new Set(), sessions: new Set() });
      if (g.event.domain_userid) s.visitors.add(g.event.domain_userid);
      if (g.event.domain_sessionid) s.sessions.add(g.event.domain_sessionid);
    }
    for (const [w, s] of Object.entries(sets)) distinct[w] = { visitors: s.visitors.size, sessions: s.sessions.size };
  }
  return { counts, distinct };
}

/** The windows whose distinct counts are off by more than 2% (empty when all are within). */
export function distinctOutside2Percent(actual: ReportsView, expected: ReportsView): string[] {
  const off: string[] = [];
  for (const [w, e] of Object.entries(expected.distinct)) {
    const a = actual.distinct[w];
    for (const k of ['visitors', 'sessions'] as const) {
      if (a === undefined || Math.abs(a[k] - e[k]) > 0.02 * e[k]) off.push(`${w} ${k}: ${a?.[k]} vs ${e[k]}`);
    }
  }
  if (Object.keys(actual.distinct).length !== Object.keys(expected.distinct).length) off.push('different windows');
  return off;
}

/** The time range of some lines' event times, widened to whole hours. */
export function hoursOf(lines: readonly GeneratedEvent[]): { fromMs: number; toMs: number } {
  // A loop, not Math.min(...times): a soak's hundreds of thousands of arguments overflow the stack.
  let min = Infinity;
  let max = -Infinity;
  for (const g of lines) {
    if (g.eventTimeMs < min) min = g.eventTimeMs;
    if (g.eventTimeMs > max) max = g.eventTimeMs;
  }
  return { fromMs: Math.floor(min / 3_600_000) * 3_600_000, toMs: (Math.floor(max / 3_600_000) + 1) * 3_600_000 };
}
