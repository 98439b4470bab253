/** Reusable constructs for the Snowline stacks. */
export * from './alarm-topic';
export * from './consumer-alarms';
export * from './dashboard-http-api';
export * from './enriched-stream-consumer';
export * from './feature-group-checks';
export * from './kinesis-event-source-props';
export * from './log-encryption-key';
export * from './log-field-alarm';
export * from './offline-feature-store';
export * from './on-failure-queue';
export * from './path-checks';
export * from './snowline-feature-group';
export * from './snowline-function';
export * from './snowline-table';
export * from './static-dashboard';
export * from './table-definition-checks';
