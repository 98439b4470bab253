export { runConsumer, type RunningConsumer, type ConsumerThread } from './runConsumer';
export { startConsumerThread, type ConsumerThreadOptions } from './startConsumerThread';
export { startServiceThread } from './startServiceThread';
export type * from './messages';
