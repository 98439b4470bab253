/** Types of the local events archiver. */

/** Firehose-like buffering hints. */
export interface ArchiveBufferOptions {
  /** Write a file once the staged events reach this many bytes (of staged JSON). @default 64 MiB */
  readonly maxBytes?: number;
  /** Write a file once the oldest staged event is this old, in ms. @default 60000 */
  readonly intervalMs?: number;
}

/** Options of {@link EventArchive.open}. */
export interface EventArchiveOptions {
  /** The lake root (`<dataDir>/lake`); files go to `<lakeDir>/events/date=YYYY-MM-DD/`. */
  readonly lakeDir: string;
  /** Where acknowledged events wait until they are written (`<dataDir>/archiver`). */
  readonly stagingDir: string;
  /** @default DEFAULT_ARCHIVE_BUFFER */
  readonly buffer?: ArchiveBufferOptions;
  /** Check the interval every second on a timer (off in tests that flush by hand). @default true */
  readonly timer?: boolean;
  /** The clock, in epoch ms. @default Date.now */
  readonly now?: () => number;
  /** Called with an error of a background flush (the segment stays staged). @default - ignored */
  readonly onError?: (error: Error) => void;
}

/** What one flush wrote. */
export interface FlushResult {
  /** The staged segment written. */
  readonly segment: string;
  /** The Parquet files written, one per collector date. */
  readonly files: readonly string[];
  /** Rows in those files (distinct event ids of the segment). */
  readonly rows: number;
}
