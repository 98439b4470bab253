/** Limits and defaults of `snowline status`. */

/** Records behind are counted with one GetRecords per shard, up to this many (kinesalite's and Kinesis's maximum). */
export const RECORDS_BEHIND_CAP = 10_000;

/** How often the display refreshes, and the gap between the two samples of `--once`. */
export const DEFAULT_REFRESH_MS = 1_000;

/** How long one health request may take before the stack counts as not answering. */
export const HEALTH_TIMEOUT_MS = 5_000;
