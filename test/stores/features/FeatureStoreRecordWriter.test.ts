import { GetRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { describe, expect, it } from 'vitest';
import { featureGroupNamesFromEnv } from '../../../handlers/features';
import { startFeatureStoreService } from '../../../local/featurestore';
import { defineFeatureGroup } from '../../../schemas/feature-group-declaration';
import { PRODUCT_ACTIVITY } from '../../../schemas/feature-groups';
import { countFeatureRequests, FeatureStoreRecordWriter } from '../../../stores/features';
import { injectFault, NO_WAIT, throttling } from './helpers';

const RECORD = [
  { FeatureName: 'sku', ValueAsString: 'SKU-7' },
  { FeatureName: 'event_time', ValueAsString: '2026-11-22T10:00:00.000Z' },
  { FeatureName: 'views_1h', ValueAsString: '3' },
];

describe('FeatureStoreRecordWriter', () => {
  it('writes to the deployed group name, retries throttling, and does not retry a ValidationError', async () => {
    const deployed = defineFeatureGroup({ ...PRODUCT_ACTIVITY, name: 'snowline-dev-product-activity', features: [...PRODUCT_ACTIVITY.features] });
    const service = await startFeatureStoreService({ featureGroups: [deployed] });
    const client = new SageMakerFeatureStoreRuntimeClient({ endpoint: service.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    try {
      const groupNames = featureGroupNamesFromEnv({ FEATURE_GROUP_PRODUCT_ACTIVITY: 'snowline-dev-product-activity', FEATURE_GROUP_USER_ACTIVITY: '' });
      expect(groupNames).toEqual({ product_activity: 'snowline-dev-product-activity' });
      const writer = new FeatureStoreRecordWriter({ featureStore: client, retry: NO_WAIT, groupNames });
      const counter = countFeatureRequests({ featureStore: client });
      const fault = injectFault(client, { command: 'PutRecordCommand', phase: 'before', times: 2, error: throttling });
      await writer.putRecord('product_activity', RECORD);
      expect([fault.injected, counter.putRecords()]).toEqual([2, 1]);
      const { Record } = await client.send(new GetRecordCommand({ FeatureGroupName: 'snowline-dev-product-activity', RecordIdentifierValueAsString: 'SKU-7' }));
      expect(Record).toEqual(RECORD);

      counter.reset();
      await expect(writer.putRecord('product_activity', [{ FeatureName: 'sku', ValueAsString: 'SKU-8' }])).rejects.toMatchObject({ name: 'ValidationError' });
      expect(counter.putRecords()).toBe(1);
    } finally {
      client.destroy();
      await service.close();
    }
  });
});
