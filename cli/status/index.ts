export { BadRowCounter } from './BadRowCounter';
export { DEFAULT_REFRESH_MS, HEALTH_TIMEOUT_MS, RECORDS_BEHIND_CAP } from './constants';
export { countOnFailure } from './countOnFailure';
export { countRecordsBehind, type RecordsBehind } from './countRecordsBehind';
export { StackNotAnsweringError, StatusCommandError, UnexpectedHealthError } from './errors';
export { type ConsumerStats, ConsumerStatsSchema, fetchConsumerStats, type HealthSource } from './fetchConsumerStats';
export { formatStatusJson, formatStatusTable } from './formatStatus';
export { StatusSampler, type StatusSamplerOptions } from './StatusSampler';
export type { ConsumerStatus, ShardStatus, StatusSnapshot } from './types';
