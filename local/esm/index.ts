export { startEventSourceMapping } from './startEventSourceMapping';
export { interpretBatchResponse, type BatchResponseOutcome } from './interpretBatchResponse';
export { buildOnFailureRecord, type FailureDetails } from './buildOnFailureRecord';
export { toKinesisStreamRecord } from './toKinesisStreamRecord';
export { validateSettings, eventSourceSettingsSchema } from './validateSettings';
export { checkpointFileSchema, type CheckpointFile } from './CheckpointStore';
export * from './constants';
export * from './errors';
export type * from './types';
