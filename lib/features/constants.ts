/** The sort key of an entity's state item: its entries, facts and version. */
export const STATE_SORT_KEY = 's';

/**
 * The prefix of an entity's overflow items' sort keys, followed by `<chunk id>#<n>`: where the
 * entries of a very active entity go beyond what its state item holds (DynamoDB's 400 KB).
 */
export const CHUNK_SORT_KEY_PREFIX = 's#';

/** How long an entity's state is kept after its latest event (DynamoDB TTL): 30 days, so `country` outlives a quiet month. */
export const STATE_TTL_MS = 30 * 86_400_000;

/** Revenue is summed in integer micro-units, so sums are exact to the cent and beyond. */
export const MICROS_PER_UNIT = 1_000_000;

/** Requests (state writes, PutRecords) in flight at once in a batch. @default 32 */
export const DEFAULT_ENTITY_CONCURRENCY = 32;

/** How many times an entity is read and merged again when another writer changed it first. */
export const STATE_WRITE_ATTEMPTS = 5;

/** How many times a record is recomputed when other writers keep changing its entity. */
export const SETTLE_ROUNDS = 5;
