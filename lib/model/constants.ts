/**
 * The fixed vocabularies of the model's one-hot encoded String features. A value outside its
 * vocabulary (or missing) falls into the feature's `other` column, so a new device class or
 * country never changes the number of columns. Changing a list changes the model's input: retrain.
 */
export const CATEGORY_VOCABULARIES = {
  /** YAUAA's device classes the shop sees (Unknown, and any other class, go to `other`). */
  device_class: ['Desktop', 'Phone', 'Tablet', 'Robot'],
  /** Snowplow `event_name`s of the tracked web events (`event` is a structured event such as add-to-cart). */
  last_event_name: ['page_view', 'page_ping', 'link_click', 'event', 'transaction', 'transaction_item'],
  /** The shop's top countries by traffic (ISO 3166-1 alpha-2); the rest, and no country, go to `other`. */
  country: ['DE', 'US', 'GB', 'FR', 'NL', 'AT', 'CH', 'IT'],
} as const satisfies Record<string, readonly string[]>;

/** The suffix of the column a value outside a vocabulary goes to: `country__other`. */
export const OTHER_CATEGORY = 'other';

/** Between a String feature's name and the category in its one-hot column's name: `device_class__Phone`. */
export const ONE_HOT_SEPARATOR = '__';

/** The prefix of the product group's features in the model's inputs: `product_views_1h`. */
export const PRODUCT_PREFIX = 'product_';

/** The default of a numeric feature whose record is missing (no events: every count and sum is 0). @default 0 */
export const NUMERIC_DEFAULT = 0;

/** The default of a String feature whose record or value is missing: it goes to the `other` column. */
export const CATEGORY_DEFAULT = OTHER_CATEGORY;

/** The name of the derived input: seconds since the user's newest event, capped at {@link MAX_USER_EVENT_AGE_S}. */
export const USER_EVENT_AGE_FEATURE = 'user_event_age_s';

/** The cap of {@link USER_EVENT_AGE_FEATURE}, and its default for a user without a record: one day. */
export const MAX_USER_EVENT_AGE_S = 86_400;
