export type { BadRow, BadRowSink } from './BadRowSink';
export { KinesisBadRowSink, type KinesisBadRowSinkOptions } from './KinesisBadRowSink';
export { readKinesisRecord, type ReadRecord } from './readKinesisRecord';
export { readNumberEnv } from './readNumberEnv';
export * from './errors';
