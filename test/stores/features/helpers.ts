/** Shared pieces of the feature suites: dynalite and our Feature Store service, real SDK clients, fault injection by middleware. */
import { BatchGetRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { startSuiteDb, type SuiteDb } from '../../helpers/dynalite';
import { startFeatureStoreService, type FeatureStoreService } from '../../../local/featurestore';
import { FEATURE_GROUPS } from '../../../schemas/feature-groups';
import { FEATURE_STATE_TABLE } from '../../../stacks/config';

/** Retry options that do not wait. */
export const NO_WAIT = { baseDelayMs: 0, maxDelayMs: 0 } as const;

/** dynalite for a suite: fresh state tables, clients destroyed on close. */
export type FeaturesDb = SuiteDb;

/** Starts dynalite (in memory). */
export const startFeaturesDb = (): Promise<FeaturesDb> => startSuiteDb(FEATURE_STATE_TABLE, 'feature-state');

/** Our Feature Store service (online store in memory) and a real SDK client of it (the SDK's own retries off). */
export async function startFeatureStore(): Promise<{ service: FeatureStoreService; client: SageMakerFeatureStoreRuntimeClient; close(): Promise<void> }> {
  const service = await startFeatureStoreService({ featureGroups: FEATURE_GROUPS });
  const client = new SageMakerFeatureStoreRuntimeClient({ endpoint: service.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  return {
    service,
    client,
    async close() {
      client.destroy();
      await service.close();
    },
  };
}

/** Every online record of some ids of a group, through BatchGetRecord, as name → value. */
export async function readRecords(client: SageMakerFeatureStoreRuntimeClient, group: string, ids: readonly string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (let i = 0; i < ids.length; i += 100) {
    const { Records } = await client.send(
      new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: group, RecordIdentifiersValueAsString: ids.slice(i, i + 100) }] }),
    );
    for (const r of Records ?? []) {
      const record = Object.fromEntries((r.Record ?? []).map((v) => [v.FeatureName!, v.ValueAsString!]));
      out.set(r.RecordIdentifierValueAsString!, record);
    }
  }
  return out;
}

export { injectFault, type Fault } from '../../helpers/faults';

/** Feature Store throttling, as the SDK raises an unmodelled 400 error. */
export const throttling = () => Object.assign(new Error('Rate exceeded (injected)'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });

/** The process dying: not an AWS error, not retryable. */
export const crash = () => Object.assign(new Error('the process crashed (injected)'), { name: 'InjectedCrash' });
