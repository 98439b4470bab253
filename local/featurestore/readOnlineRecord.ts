import { ExpirationTimeResponse } from './constants';
import { ValidationError } from './errors';
import type { ServedGroup } from './FeatureGroupCatalog';
import type { FeatureStore } from './FeatureStore';

/** A record as GetRecord and BatchGetRecord return it. */
export interface RecordRead {
  readonly Record: { FeatureName: string; ValueAsString: string }[];
  readonly ExpiresAt?: string;
}

/**
 * Throws the ValidationError for `FeatureNames` the group does not define, and for a group
 * without an online store (there is nothing to read).
 */
export function checkReadable(group: ServedGroup, featureNames: readonly string[] | undefined): void {
  const { name, onlineStore } = group.declaration;
  if (!onlineStore) throw new ValidationError(`The FeatureGroup ${name} does not have an OnlineStore.`);
  const unknown = (featureNames ?? []).filter((feature) => !group.features.has(feature));
  if (unknown.length > 0) {
    throw new ValidationError(`The feature name(s) [${unknown.join(', ')}] are not defined in the FeatureDefinitions of FeatureGroup ${name}.`);
  }
}

/**
 * Reads a record from the online store: `undefined` when there is none, it was soft-deleted or
 * it expired. `FeatureNames` picks features (in the record's order); `ExpiresAt` is given when
 * asked for and the record has a TTL.
 */
export function readOnlineRecord(
  store: FeatureStore,
  group: ServedGroup,
  recordId: string,
  featureNames: readonly string[] | undefined,
  expirationTimeResponse: string | undefined,
): RecordRead | undefined {
  const record = store.read(group.declaration.name, recordId);
  if (record?.features == null) return undefined;
  const wanted = featureNames === undefined ? undefined : new Set(featureNames);
  const features = record.features
    .filter((feature) => wanted === undefined || wanted.has(feature.FeatureName))
    .map((feature) => ({ FeatureName: feature.FeatureName, ValueAsString: feature.ValueAsString }));
  const withExpiry = expirationTimeResponse === ExpirationTimeResponse.Enabled && record.expiresAtMs !== null;
  return withExpiry ? { Record: features, ExpiresAt: new Date(record.expiresAtMs!).toISOString() } : { Record: features };
}
