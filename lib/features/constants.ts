/**
 * The width of a state bucket: 15 minutes, so that even a very active entity (thousands of events
 * an hour) keeps each item far below DynamoDB's 400 KB, while a 24-hour window is one Query.
 */
export const BUCKET_MS = 900_000;

/** The sort key of an entity's profile item (it sorts after every bucket, `b#...`). */
export const PROFILE_SORT_KEY = 'p';

/** The prefix of a bucket's sort key, followed by the bucket's start, ISO-8601 UTC. */
export const BUCKET_SORT_KEY_PREFIX = 'b#';

/** The prefix of an entry attribute, followed by the event's fingerprint. */
export const ENTRY_PREFIX = 'e:';

/** How long a bucket outlives the longest window, so late events and slow batches still find it. @default 1 hour */
export const BUCKET_TTL_SLACK_MS = 3_600_000;

/** How long a profile item is kept after its latest event (DynamoDB TTL). 30 days. */
export const PROFILE_TTL_MS = 30 * 86_400_000;

/** Revenue is summed in integer micro-units, so sums are exact to the cent and beyond. */
export const MICROS_PER_UNIT = 1_000_000;

/** Entities worked on at once in a batch. @default 16 */
export const DEFAULT_ENTITY_CONCURRENCY = 16;
