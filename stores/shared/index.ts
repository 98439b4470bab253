export { withRetries, isRetryableError, type RetryOptions } from './withRetries';
export { resolveDynamoDbClient, type DynamoDbTarget } from './resolveDynamoDbClient';
