import { z } from 'zod';
import { MAX_BATCH_GET_RECORDS } from '../constants';
import { FeatureStoreApiError, ValidationError } from '../errors';
import type { FeatureStore } from '../FeatureStore';
import { ExpirationTimeResponseSchema, FeatureGroupNameSchema, FeatureNameSchema, ValueAsStringSchema } from '../inputSchemas';
import { checkReadable, readOnlineRecord } from '../readOnlineRecord';

/** BatchGetRecord's input, from the JSON body. */
export const BatchGetRecordInputSchema = z.object({
  Identifiers: z
    .array(
      z.object({
        FeatureGroupName: FeatureGroupNameSchema,
        RecordIdentifiersValueAsString: z.array(ValueAsStringSchema).min(1).max(100),
        FeatureNames: z.array(FeatureNameSchema).min(1).optional(),
      }),
    )
    .min(1)
    .max(100),
  ExpirationTimeResponse: ExpirationTimeResponseSchema.optional(),
});

/** BatchGetRecord's input, validated. */
export type BatchGetRecordInput = z.infer<typeof BatchGetRecordInputSchema>;

/** BatchGetRecord's output: all three lists are always present. */
export interface BatchGetRecordOutput {
  readonly Records: { FeatureGroupName: string; RecordIdentifierValueAsString: string; Record: unknown[]; ExpiresAt?: string }[];
  readonly Errors: { FeatureGroupName: string; RecordIdentifierValueAsString: string; ErrorCode: string; ErrorMessage: string }[];
  readonly UnprocessedIdentifiers: { FeatureGroupName: string; RecordIdentifiersValueAsString: string[]; FeatureNames?: string[] }[];
}

/**
 * BatchGetRecord: up to 100 records across feature groups. Records found are in `Records`; a
 * record that does not exist (or was deleted or expired) is simply absent; an identifier naming
 * an unknown group or feature gives one entry in `Errors` per record identifier, with the error
 * name and message GetRecord would raise. Nothing is throttled locally, so
 * `UnprocessedIdentifiers` is always empty.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_BatchGetRecord.html
 */
export async function batchGetRecord(store: FeatureStore, input: BatchGetRecordInput): Promise<BatchGetRecordOutput> {
  const total = input.Identifiers.reduce((sum, identifier) => sum + identifier.RecordIdentifiersValueAsString.length, 0);
  if (total > MAX_BATCH_GET_RECORDS) {
    throw new ValidationError(`BatchGetRecord can retrieve at most ${MAX_BATCH_GET_RECORDS} records in one request; the request asks for ${total}.`);
  }
  const output: BatchGetRecordOutput = { Records: [], Errors: [], UnprocessedIdentifiers: [] };
  for (const identifier of input.Identifiers) {
    try {
      const group = store.group(identifier.FeatureGroupName);
      checkReadable(group, identifier.FeatureNames);
      for (const recordId of identifier.RecordIdentifiersValueAsString) {
        const read = readOnlineRecord(store, group, recordId, identifier.FeatureNames, input.ExpirationTimeResponse);
        if (read !== undefined) {
          output.Records.push({ FeatureGroupName: identifier.FeatureGroupName, RecordIdentifierValueAsString: recordId, ...read });
        }
      }
    } catch (error) {
      if (!(error instanceof FeatureStoreApiError) || error.status >= 500) throw error;
      for (const recordId of identifier.RecordIdentifiersValueAsString) {
        output.Errors.push({
          FeatureGroupName: identifier.FeatureGroupName,
          RecordIdentifierValueAsString: recordId,
          ErrorCode: error.type,
          ErrorMessage: error.message,
        });
      }
    }
  }
  return output;
}
