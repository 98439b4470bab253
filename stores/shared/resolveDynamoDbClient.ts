import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Where a store's DynamoDB is: an existing SDK client, or an endpoint to create one for. */
export type DynamoDbTarget = DynamoDBClient | { readonly endpoint: string; readonly region?: string };

/**
 * The client of a {@link DynamoDbTarget}. For an endpoint (dynalite, or DynamoDB Local) the
 * client signs with placeholder credentials unless the environment has real ones; `owned` says
 * the store created it and must destroy it.
 *
 * @example
 * const { client, owned } = resolveDynamoDbClient({ endpoint: 'http://127.0.0.1:4568' });
 */
export function resolveDynamoDbClient(target: DynamoDbTarget): { readonly client: DynamoDBClient; readonly owned: boolean } {
  if ('send' in target) return { client: target, owned: false };
  const hasCredentials = process.env.AWS_ACCESS_KEY_ID !== undefined;
  return {
    client: new DynamoDBClient({
      endpoint: target.endpoint,
      region: target.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(hasCredentials ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    }),
    owned: true,
  };
}
