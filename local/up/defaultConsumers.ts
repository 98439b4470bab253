import { BAD_ROWS_STREAM, DEFAULT_EVENT_SOURCE, ENRICHED_STREAM, FEATURE_STATE_TABLE, REPORTS_TABLE } from '../../stacks/config';
import { SDK_CLIENT_DEFAULTS } from '../../handlers/shared/sdkClientDefaults';
import { ARCHIVER_CONSUMER_NAME } from '../archiver/constants';
import type { ConsumerDefinition } from './types';

/**
 * The functions `snowline up` runs on the streams: the report handler on the enriched stream,
 * built as on Lambda, with its clients pointed at the local DynamoDB and Kinesis. It also sends
 * what does not parse to the bad-rows stream (which `validate-enriched` did before it). Beside it,
 * the feature handler on the same stream, writing the feature groups to the local Feature Store
 * (and its own bad rows: lines whose derived contexts are invalid). Per-batch logs are kept to
 * warnings locally and metrics off, so the terminal is not flooded. Each handler's modules are
 * imported when it is built, so a consumer thread loads its own handler only. Their clients take
 * `SDK_CLIENT_DEFAULTS`, as on Lambda.
 */
export const DEFAULT_CONSUMERS: readonly ConsumerDefinition[] = [
  {
    name: 'reports',
    streamName: ENRICHED_STREAM.streamName,
    settings: DEFAULT_EVENT_SOURCE,
    createHandler: async (endpoints) => {
      const [{ Logger }, { createReportsHandler }, { KinesisBadRowSink }, { DynamoReportStore }, { createLocalDynamoDbClient }, { createLocalKinesisClient }] = await Promise.all([
        import('@aws-lambda-powertools/logger'),
        import('../../handlers/reports'),
        import('../../handlers/shared'),
        import('../../stores/reports'),
        import('../dynamodb/createLocalDynamoDbClient'),
        import('../kinesis/createLocalKinesisClient'),
      ]);
      return createReportsHandler({
        store: new DynamoReportStore({ dynamodb: createLocalDynamoDbClient(endpoints.dynamodb, endpoints.region, SDK_CLIENT_DEFAULTS), tableName: REPORTS_TABLE.tableName }),
        badRows: new KinesisBadRowSink({ kinesis: createLocalKinesisClient(endpoints.kinesis, endpoints.region, SDK_CLIENT_DEFAULTS), streamName: BAD_ROWS_STREAM.streamName }),
        logger: new Logger({ serviceName: 'snowline-reports', logLevel: 'WARN' }),
        metrics: null, // no EMF line per batch in the terminal
      });
    },
  },
  {
    name: 'features',
    streamName: ENRICHED_STREAM.streamName,
    settings: DEFAULT_EVENT_SOURCE,
    createHandler: async (endpoints) => {
      const [{ SageMakerFeatureStoreRuntimeClient }, { Logger }, { createFeaturesHandler }, { KinesisBadRowSink }, { DynamoFeatureStateStore, FeatureStoreRecordWriter }, { createLocalDynamoDbClient }, { createLocalKinesisClient }, { sdkClientConfig }] =
        await Promise.all([
          import('@aws-sdk/client-sagemaker-featurestore-runtime'),
          import('@aws-lambda-powertools/logger'),
          import('../../handlers/features'),
          import('../../handlers/shared'),
          import('../../stores/features'),
          import('../dynamodb/createLocalDynamoDbClient'),
          import('../kinesis/createLocalKinesisClient'),
          import('./sdkClientConfig'),
        ]);
      return createFeaturesHandler({
        state: new DynamoFeatureStateStore({ dynamodb: createLocalDynamoDbClient(endpoints.dynamodb, endpoints.region, SDK_CLIENT_DEFAULTS), tableName: FEATURE_STATE_TABLE.tableName }),
        writer: new FeatureStoreRecordWriter({ featureStore: new SageMakerFeatureStoreRuntimeClient({ ...sdkClientConfig(endpoints, 'featurestore'), ...SDK_CLIENT_DEFAULTS }) }),
        badRows: new KinesisBadRowSink({ kinesis: createLocalKinesisClient(endpoints.kinesis, endpoints.region, SDK_CLIENT_DEFAULTS), streamName: BAD_ROWS_STREAM.streamName }),
        logger: new Logger({ serviceName: 'snowline-features', logLevel: 'WARN' }),
        metrics: null,
      });
    },
  },
  // The events archive (Firehose on AWS): pseudonymised Parquet by collector date under
  // <dataDir>/lake/events, written when 64 MiB are staged or the oldest is a minute old.
  {
    name: ARCHIVER_CONSUMER_NAME,
    streamName: ENRICHED_STREAM.streamName,
    settings: DEFAULT_EVENT_SOURCE,
    createHandler: async (endpoints) => (await import('../archiver')).createLocalArchiver({ dataDir: endpoints.dataDir }),
  },
  // The shop's backend (not a Lambda on AWS: the shop writes its orders itself): the demo's
  // purchases by logged-in customers become orders in PostgreSQL, with the events' order ids.
  {
    name: 'shop-orders',
    streamName: ENRICHED_STREAM.streamName,
    settings: DEFAULT_EVENT_SOURCE,
    createHandler: async (endpoints) => (await import('../postgres/createShopOrdersHandler')).createShopOrdersHandler({ endpoint: endpoints.postgres }),
  },
];
