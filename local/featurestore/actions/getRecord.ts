import { z } from 'zod';
import type { FeatureStore } from '../FeatureStore';
import { ExpirationTimeResponseSchema, FeatureGroupNameSchema, FeatureNameSchema, ValueAsStringSchema } from '../inputSchemas';
import { checkReadable, readOnlineRecord, type RecordRead } from '../readOnlineRecord';

/** GetRecord's input: the group from the path, the rest from the query string. */
export const GetRecordInputSchema = z.object({
  FeatureGroupName: FeatureGroupNameSchema,
  RecordIdentifierValueAsString: ValueAsStringSchema,
  FeatureNames: z.array(FeatureNameSchema).min(1).optional(),
  ExpirationTimeResponse: ExpirationTimeResponseSchema.optional(),
});

/** GetRecord's input, validated. */
export type GetRecordInput = z.infer<typeof GetRecordInputSchema>;

/**
 * GetRecord: the latest record from the online store, or an empty answer when there is none
 * (never stored, deleted or expired).
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_GetRecord.html
 */
export async function getRecord(store: FeatureStore, input: GetRecordInput): Promise<RecordRead | Record<string, never>> {
  const group = store.group(input.FeatureGroupName);
  checkReadable(group, input.FeatureNames);
  return readOnlineRecord(store, group, input.RecordIdentifierValueAsString, input.FeatureNames, input.ExpirationTimeResponse) ?? {};
}
