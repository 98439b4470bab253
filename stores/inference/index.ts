export { FeatureStoreOnlineReader, type FeatureStoreOnlineReaderOptions } from './FeatureStoreOnlineReader';
export { SageMakerModelEndpoint, type SageMakerModelEndpointOptions } from './SageMakerModelEndpoint';
export { RedisFeatureCache, type RedisFeatureCacheOptions } from './RedisFeatureCache';
export { readModelMetadata, ModelMetadataHeadSchema, MODEL_ARTIFACT_DIR, type ModelMetadataHead } from './readModelMetadata';
