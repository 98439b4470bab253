/** Types of `snowline features`. */

/** One feature value of a record, as GetRecord returns it. */
export interface FeatureValueOut {
  readonly name: string;
  /** The value as Feature Store returns it: text for a scalar, a list of texts for a list feature. */
  readonly value: string | readonly string[];
}

/** A record read from the online store. */
export interface FetchedRecord {
  readonly group: string;
  readonly recordId: string;
  /** The value of the group's event time feature, as stored. */
  readonly eventTime: string | undefined;
  /** The event time in epoch ms, when it parses. */
  readonly eventTimeMs: number | undefined;
  /** When the record expires (its TTL), ISO-8601, if it does. */
  readonly expiresAt: string | undefined;
  /** The features GetRecord returned, in the order it returned them. */
  readonly features: readonly FeatureValueOut[];
}
