import { PutRecordCommand, type SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import type { FeatureRecordWriter, FeatureValue } from '../../lib/features';
import { withRetries, type RetryOptions } from '../shared';

/** Options of {@link FeatureStoreRecordWriter}. */
export interface FeatureStoreRecordWriterOptions {
  /** The Feature Store runtime client (pointed at the local service by its endpoint). */
  readonly featureStore: SageMakerFeatureStoreRuntimeClient;
  /** Backoff of throttled and failed PutRecords. @default withRetries' defaults (8 attempts, 25 ms doubling to 2 s, full jitter) */
  readonly retry?: RetryOptions;
  /** The deployed name of a declared feature group, where they differ (the stack's `FEATURE_GROUP_<NAME>` variables). @default - the declared names */
  readonly groupNames?: Readonly<Record<string, string>>;
}

/**
 * Writes computed records with Feature Store's PutRecord (online and offline stores).
 * ThrottlingException, 5xx and dropped connections are retried with exponential backoff and full
 * jitter; a ValidationError is not (the same record would fail again).
 *
 * @example
 * const writer = new FeatureStoreRecordWriter({ featureStore: new SageMakerFeatureStoreRuntimeClient({}) });
 * await writer.putRecord('user_activity', [{ FeatureName: 'domain_userid', ValueAsString: 'u1' }, ...]);
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_PutRecord.html
 */
export class FeatureStoreRecordWriter implements FeatureRecordWriter {
  constructor(private readonly options: FeatureStoreRecordWriterOptions) {}

  /** {@inheritDoc FeatureRecordWriter.putRecord} */
  async putRecord(featureGroupName: string, record: readonly FeatureValue[]): Promise<void> {
    await withRetries(
      () =>
        this.options.featureStore.send(
          new PutRecordCommand({ FeatureGroupName: this.options.groupNames?.[featureGroupName] ?? featureGroupName, Record: record.map((v) => ({ ...v })) }),
        ),
      this.options.retry,
    );
  }
}
