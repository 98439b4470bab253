/** Where a model input comes from: a feature of a feature group. */
export interface FeatureSource {
  /** The feature group, e.g. `user_activity`. */
  readonly group: string;
  /** The feature in that group, e.g. `page_views_1h`. */
  readonly feature: string;
}

/**
 * One input of the model before encoding (the name clients see in `features` and
 * `defaulted_features`): a numeric feature is one column, a String feature one column per category.
 */
export interface ModelInput {
  /** Its name: the feature's name, prefixed `product_` for the product group, e.g. `product_views_1h`. */
  readonly name: string;
  readonly kind: 'numeric' | 'category';
  /** The feature it reads; undefined for a derived input ({@link USER_EVENT_AGE_FEATURE}). */
  readonly source: FeatureSource | undefined;
  /** Its event-time window in seconds (a windowed count or sum), null for a point value. */
  readonly windowS: number | null;
  /** Its value when the record or the value is missing (or the window has passed: then it is exact). */
  readonly default: number | string;
  /** The categories of a String input, in column order (its last column is `other`). */
  readonly categories?: readonly string[];
}

/** One column of the model's feature vector. */
export interface ModelFeature {
  /** The column's name as the model's metadata lists it: `page_views_1h`, `device_class__Phone`. */
  readonly name: string;
  /** The input it encodes. */
  readonly input: string;
  /** For a one-hot column, the category it is 1 for. */
  readonly category?: string;
}

/** One online record as Feature Store's GetRecord/BatchGetRecord return it, or as a name→value map. */
export type OnlineRecordInput = readonly { readonly FeatureName: string; readonly ValueAsString: string }[] | Readonly<Record<string, string>>;

/**
 * The records of one prediction by feature group name. A group that was looked up and has no
 * record is `null` (its inputs are defaulted and listed); a group absent from the object was not
 * asked for (the product group without a sku): its inputs take their defaults, unlisted.
 */
export type FeatureRecords = Readonly<Record<string, OnlineRecordInput | null | undefined>>;

/** Request-time values overriding inputs by name (`{ "device_class": "Phone" }`). */
export type RequestContext = Readonly<Record<string, number | string>>;

/** The options of {@link toFeatureVector}. */
export interface FeatureVectorOptions {
  /** Request-time values, by input name. @default - none */
  readonly context?: RequestContext;
  /** The time the prediction is for (windows that ended before it are 0), epoch ms. @default Date.now() */
  readonly nowMs?: number;
}

/** Why an input took its default. */
export type DefaultReason = 'missing' | 'expired' | 'invalid';

/** The model's feature vector and what it was built from. */
export interface FeatureVector {
  /** One number per column, in {@link MODEL_FEATURE_NAMES} order. */
  readonly vector: number[];
  /** Every input's value as used, by input name (a String input's category, before encoding). */
  readonly features: Record<string, number | string>;
  /** The inputs that took their default, in input order. */
  readonly defaulted: string[];
  /** Why each defaulted input did. */
  readonly defaultReasons: Record<string, DefaultReason>;
  /** Seconds between the user's newest event and `nowMs`, null without a user record. */
  readonly featureAgeS: number | null;
}
