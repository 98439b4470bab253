export { startDynamoDb } from './startDynamoDb';
export { createTables } from './createTables';
export { toCreateTableInput } from './toCreateTableInput';
export { createLocalDynamoDbClient, resolveDynamoDbClient } from './createLocalDynamoDbClient';
export * from './errors';
export type * from './types';
