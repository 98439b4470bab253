import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { LOCAL_REGION } from '../kinesis/createLocalKinesisClient';

/**
 * A DynamoDB SDK v3 client pointed at a local endpoint, with placeholder credentials
 * (dynalite checks that requests are signed, not who signed them).
 *
 * `config` adds client settings, e.g. `SDK_CLIENT_DEFAULTS` for a client nothing else adds middleware to.
 *
 * @example
 * const dynamodb = createLocalDynamoDbClient('http://127.0.0.1:4568');
 */
export function createLocalDynamoDbClient(endpoint: string, region: string = LOCAL_REGION, config: Pick<DynamoDBClientConfig, 'cacheMiddleware'> = {}): DynamoDBClient {
  return new DynamoDBClient({ ...config, endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/**
 * Accepts either an SDK client or an endpoint, as every Snowline store does.
 * `owned` says whether the caller created the client and so must `destroy()` it.
 */
export function resolveDynamoDbClient(
  dynamodb: DynamoDBClient | string,
  region: string = LOCAL_REGION,
): { readonly client: DynamoDBClient; readonly owned: boolean } {
  if (typeof dynamodb === 'string') return { client: createLocalDynamoDbClient(dynamodb, region), owned: true };
  return { client: dynamodb, owned: false };
}
