/** Defaults of the inference API. */

/** The whole request's deadline: the API answers within it, degraded if a dependency is slow. @default 250 ms */
export const DEFAULT_DEADLINE_MS = 250;

/** The longest the Feature Store read may take (within the deadline), leaving the endpoint its time. @default 100 ms */
export const DEFAULT_FEATURE_STORE_TIMEOUT_MS = 100;

/** The longest a cache read may take; a slow cache is a miss, never a failure. @default 20 ms */
export const DEFAULT_CACHE_TIMEOUT_MS = 20;

/** How long the in-process cache keeps an online record: short, so features stay fresh. @default 2,000 ms */
export const DEFAULT_CACHE_TTL_MS = 2_000;

/** How many records the in-process cache holds before evicting the least recently used. @default 10,000 */
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;

/** The SageMaker endpoint's name, locally and on AWS. */
export const DEFAULT_ENDPOINT_NAME = 'snowline-propensity';

/** Between a feature group and a record identifier in a cache key: `user_activity#<domain_userid>`. */
export const CACHE_KEY_SEPARATOR = '#';

/** Headers of every answer: JSON, never cached (features change every second). */
export const PREDICT_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
} as const;

/** The routes of the inference API, as API Gateway route keys. */
export const PREDICT_ROUTES = {
  predict: { method: 'POST', path: '/predict' },
  batch: { method: 'POST', path: '/predict/batch' },
} as const;
