import {
  GetRecordCommand,
  ResourceNotFound,
  SageMakerFeatureStoreRuntimeClient,
  SageMakerFeatureStoreRuntimeServiceException,
} from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { parseEventTime } from '../../local/featurestore/parseEventTime';
import { sdkClientConfig, type Endpoints } from '../../local/up';
import type { FeatureGroupDeclaration } from '../../schemas/feature-group-declaration';
import { FeatureGroupNotServedError, FeatureStoreUnreachableError, RecordNotFoundError } from './errors';
import type { FetchedRecord } from './types';

/** Where the record is read, and how to tell the user to start the stack if it does not answer. */
export interface FetchTarget {
  readonly endpoints: Endpoints;
  /** The data dir as the user gave it, for messages. */
  readonly dataDir: string;
  /** The command that starts a stack on that data dir. */
  readonly startCommand: string;
}

/**
 * Reads one record from the online store of the running local stack with GetRecord, through
 * the real `SageMakerFeatureStoreRuntimeClient`.
 *
 * @throws RecordNotFoundError when GetRecord returns no record.
 * @throws FeatureGroupNotServedError when the stack's Feature Store does not know the group.
 * @throws FeatureStoreUnreachableError when nothing answers at the endpoint.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_GetRecord.html
 */
export async function fetchRecord(target: FetchTarget, group: FeatureGroupDeclaration, recordId: string): Promise<FetchedRecord> {
  // One retry: a stack that is gone fails fast instead of backing off three times.
  const client = new SageMakerFeatureStoreRuntimeClient({ ...sdkClientConfig(target.endpoints, 'featurestore'), maxAttempts: 2 });
  try {
    const answer = await client.send(
      new GetRecordCommand({ FeatureGroupName: group.name, RecordIdentifierValueAsString: recordId, ExpirationTimeResponse: 'Enabled' }),
    );
    if (answer.Record === undefined || answer.Record.length === 0) throw new RecordNotFoundError(group.name, recordId);
    const features = answer.Record.map((value) => ({ name: value.FeatureName!, value: value.ValueAsStringList ?? value.ValueAsString ?? '' }));
    const eventTimeValue = features.find((feature) => feature.name === group.eventTimeFeatureName)?.value;
    const eventTime = typeof eventTimeValue === 'string' ? eventTimeValue : undefined;
    const eventTimeType = group.features.find((feature) => feature.name === group.eventTimeFeatureName)!.type;
    return {
      group: group.name,
      recordId,
      eventTime,
      eventTimeMs: eventTime === undefined ? undefined : parseEventTime(eventTime, eventTimeType),
      expiresAt: answer.ExpiresAt,
      features,
    };
  } catch (error) {
    if (error instanceof ResourceNotFound) throw new FeatureGroupNotServedError(group.name, target.dataDir, error.message, { cause: error });
    if (error instanceof RecordNotFoundError || error instanceof SageMakerFeatureStoreRuntimeServiceException) throw error;
    throw new FeatureStoreUnreachableError(target.endpoints.featurestore, target.dataDir, target.startCommand, { cause: error });
  } finally {
    client.destroy();
  }
}
