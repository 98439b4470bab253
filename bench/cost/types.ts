/**
 * The shapes of the cost estimate: a price with its source, the measured figures it starts from,
 * the assumptions it adds, and the lines it returns.
 */

/** Where a price was read. */
export type PriceProvenance =
  /** A page held by the project's search tool states this figure. */
  | 'stored page'
  /** No stored page states it: the figure is AWS's public price as last known, to recheck on the page named. */
  | 'not in the stored pages';

/** One public unit price, in US dollars, for one region. */
export interface Price {
  /** Dollars per `unit`. */
  readonly usd: number;
  /** What one `usd` buys, e.g. `GB ingested`, `million write request units`. */
  readonly unit: string;
  /** The AWS region the figure is for. */
  readonly region: string;
  /** The page that states it (or, when not held, AWS's own pricing page to check it on). */
  readonly source: string;
  readonly provenance: PriceProvenance;
}

/** The measured figures (from the README's benchmarks) the estimate starts from. */
export interface MeasuredFigures {
  /** Mean bytes of one enriched event (TSV line). */
  readonly eventBytes: number;
  /** Report store write requests (UpdateItem and PutItem) per 1,000 events. */
  readonly reportWritesPer1000: number;
  /** Report store GetItem reads per 1,000 events. */
  readonly reportReadsPer1000: number;
  /** Report handler CPU per event, µs. */
  readonly reportCpuMicros: number;
  /** Feature Store PutRecord calls per 1,000 events. */
  readonly putRecordsPer1000: number;
  /** Feature state conditional PutItem calls (one per product) per 1,000 events. */
  readonly productPutItemsPer1000: number;
  /** Feature handler CPU per event, µs. */
  readonly featureCpuMicros: number;
  /** Archive transform CPU per event, µs. */
  readonly archiveCpuMicros: number;
  /** Parquet bytes against the TSV bytes of the same events (the archive's 20.0 × smaller). */
  readonly parquetRatio: number;
}

/** What the estimate assumes beyond the measured figures. Every one is stated in the README. */
export interface CostAssumptions {
  /** Enriched events per Kinesis record (Enrich can pack several lines in one record). @default 1 */
  readonly eventsPerRecord: number;
  /** Consumers reading the enriched stream with shared throughput (reports, features, Firehose). @default 3 */
  readonly streamConsumers: number;
  /** Memory of the stream functions, MB (reporting, features and archive transform: 1024 in the stacks). @default 1024 */
  readonly functionMemoryMb: number;
  /** Records per stream invocation (the event source's batch size when batches fill). @default 500 */
  readonly recordsPerInvocation: number;
  /** Write request units per report write (1 for items up to 1 KB; a dense HyperLogLog sketch item is up to 16 KB, so up to 16). @default 1 */
  readonly wruPerReportWrite: number;
  /**
   * A user's feature state item, KB: each write is billed per whole KB (WRU), each strongly
   * consistent read per 4 KB (RRU). A user's item holds their events of the last 24 hours (deflated
   * past 1 KB): a median of 758 B in a 10-minute soak at 453 events/s (README, "Deploy guide"). @default 1
   */
  readonly userStateItemKb: number;
  /**
   * Write units a user state write costs on average, as measured: items differ in size and each
   * write bills its own whole KB, so a mean says more than one size. Overrides the whole KB of
   * {@link userStateItemKb} for the writes (not the reads). 1.41 in a 10-minute soak at 453
   * events/s (README, "Deploy guide"). @default - Math.ceil(userStateItemKb)
   */
  readonly wruPerUserWrite?: number;
  /**
   * A product's feature state item, KB, billed as a user's. Its windows are tiles, so it is
   * bounded: at most 0.95 KB in a 10-minute soak at 453 events/s, 3.7 KB of text (0.6 KB
   * deflated) with every tile filled (README, "Deploy guide"). @default 1
   */
  readonly productStateItemKb: number;
  /** Feature Store write units per PutRecord (records up to 1 KB). @default 1 */
  readonly featureStoreUnitsPerPut: number;
  /** Bytes each function invocation logs (START/END/REPORT, one JSON line per batch, one metrics line). @default 2048 */
  readonly logBytesPerInvocation: number;
  /** Bytes one Feature Store record takes in the offline store (Parquet on S3). @default 200 */
  readonly offlineRecordBytes: number;
  /** Minutes one merge run is billed (Glue's minimum is 1). @default 1 */
  readonly mergeRunMinutes: number;
  /** CloudWatch custom metrics the handlers publish (embedded metric format). @default 30 */
  readonly customMetrics: number;
  /** Customer-managed KMS keys, alarms and dashboards in the stacks (counted from `cdk synth -c env=dev`). */
  readonly kmsKeys: number;
  readonly alarms: number;
  readonly dashboards: number;
  /** Secrets Manager secrets (the shop database login, the pseudonymisation key). @default 2 */
  readonly secrets: number;
}

/** One line of the estimate: a quantity at a unit price, and the arithmetic that gave both. */
export interface CostLine {
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitUsd: number;
  readonly usd: number;
  /** How `quantity` was computed, for rechecking. */
  readonly arithmetic: string;
}

/** The estimate: variable costs per million events, fixed costs per month. */
export interface CostEstimate {
  readonly perMillionEvents: { readonly lines: readonly CostLine[]; readonly totalUsd: number };
  readonly fixedPerMonth: { readonly lines: readonly CostLine[]; readonly totalUsd: number };
}
