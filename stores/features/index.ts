export { DynamoFeatureStateStore, type DynamoFeatureStateStoreOptions } from './DynamoFeatureStateStore';
export { FeatureStoreRecordWriter, type FeatureStoreRecordWriterOptions } from './FeatureStoreRecordWriter';
export { countFeatureRequests, type FeatureRequestCounter } from './countFeatureRequests';
export * from './errors';
