export { runConsumer, type RunningConsumer, type ConsumerThread } from './runConsumer';
export { startConsumerThread, type ConsumerThreadOptions } from './startConsumerThread';
export { startServiceThread, type ServiceThread } from './startServiceThread';
export { statCpuMicros, threadCpuMicros } from './threadCpuMicros';
export type * from './messages';
