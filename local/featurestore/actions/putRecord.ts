import { z } from 'zod';
import type { FeatureStore } from '../FeatureStore';
import { FeatureGroupNameSchema, FeatureValueSchema, TargetStoresSchema, TtlDurationSchema } from '../inputSchemas';
import { resolveTargetStores } from '../resolveTargetStores';
import { ttlMillis } from '../ttlMillis';
import type { OnlineRecord } from '../types';
import { validateRecord } from '../validateRecord';

/** PutRecord's input: the group from the path, the rest from the JSON body. */
export const PutRecordInputSchema = z.object({
  FeatureGroupName: FeatureGroupNameSchema,
  Record: z.array(FeatureValueSchema).min(1),
  TargetStores: TargetStoresSchema.optional(),
  TtlDuration: TtlDurationSchema.optional(),
});

/** PutRecord's input, validated. */
export type PutRecordInput = z.infer<typeof PutRecordInputSchema>;

/**
 * PutRecord: writes a record to the group's stores. The online record is replaced only by a
 * record whose EventTime is not older; every accepted record goes to the offline store. The
 * record expires at EventTime + TtlDuration (the request's, else the group's).
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_PutRecord.html
 */
export async function putRecord(store: FeatureStore, input: PutRecordInput): Promise<Record<string, never>> {
  const apiInvocationTimeMs = store.now();
  const group = store.group(input.FeatureGroupName);
  const targets = resolveTargetStores(group, input.TargetStores);
  const record = validateRecord(group, input.Record);
  const groupTtl = group.declaration.ttl;
  const ttl = input.TtlDuration ?? (groupTtl === undefined ? undefined : { Unit: groupTtl.unit, Value: groupTtl.value });
  const name = group.declaration.name;

  let online: OnlineRecord | undefined;
  if (targets.online) {
    const current = store.read(name, record.recordId);
    if (current === undefined || record.eventTimeMs >= current.eventTimeMs) {
      online = {
        eventTime: record.eventTime,
        eventTimeMs: record.eventTimeMs,
        features: record.features,
        expiresAtMs: ttl === undefined ? null : record.eventTimeMs + ttlMillis(ttl),
      };
    }
  }
  const offline = targets.offline
    ? {
        values: Object.fromEntries(record.features.map((feature) => [feature.FeatureName, feature.ValueAsString])),
        eventTimeMs: record.eventTimeMs,
        apiInvocationTimeMs,
        isDeleted: false,
      }
    : undefined;
  if (online !== undefined || offline !== undefined) {
    await store.write({ group: name, recordId: record.recordId, online, offline });
  }
  return {};
}
