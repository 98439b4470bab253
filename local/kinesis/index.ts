export { startKinesis } from './startKinesis';
export { createStreams, localShardCount } from './createStreams';
export { createLocalKinesisClient, resolveKinesisClient, LOCAL_REGION } from './createLocalKinesisClient';
export * from './errors';
export type * from './types';
