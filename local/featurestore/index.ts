/** The local SageMaker Feature Store runtime. */
export { startFeatureStoreService } from './startFeatureStoreService';
export type { FeatureStoreService, FeatureStoreServiceOptions, OnlineRecord, OfflineRow } from './types';
export { DeletionMode, ExpirationTimeResponse, LOCAL_ACCOUNT_ID, LOCAL_REGION, MAX_BATCH_GET_RECORDS, TargetStore } from './constants';
export { offlineStoreLayout } from './offlineStoreLayout';
export {
  CorruptStoreError,
  FeatureStoreApiError,
  FeatureStoreStartError,
  InternalFailure,
  LocalFeatureStoreError,
  OfflineStoreFlushError,
  ResourceNotFound,
  StoreWriteError,
  UnknownOperationException,
  ValidationError,
} from './errors';
