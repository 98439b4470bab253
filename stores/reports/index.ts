export { DynamoReportStore } from './DynamoReportStore';
export { countWrites, type WriteCounter } from './countWrites';
export { itemToRows } from './itemToRows';
export { readShardState, writeShardState, encodeFingerprints, decodeFingerprints } from './shardStateItem';
export { readFreshness, recordFreshness } from './freshnessItem';
export { readSketch } from './writeSketchItem';
export * from './errors';
export type * from './types';
