/** Reusable constructs for the Snowline stacks. */
export * from './enriched-stream-consumer';
export * from './kinesis-event-source-props';
export * from './on-failure-queue';
