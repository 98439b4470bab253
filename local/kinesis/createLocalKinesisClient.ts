import { KinesisClient, type KinesisClientConfig } from '@aws-sdk/client-kinesis';
// A dependency of every SDK v3 client (hoisted by npm); imported for its HTTP/1.1 handler.
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SDK_CLIENT_DEFAULTS } from '../../handlers/shared/sdkClientDefaults';

/** Region used for local clients when none is given. */
export const LOCAL_REGION = 'us-east-1';

/**
 * A Kinesis SDK v3 client pointed at a local endpoint, with placeholder credentials
 * (kinesalite checks that requests are signed, not who signed them).
 *
 * The Kinesis client defaults to an HTTP/2 handler (for SubscribeToShard); kinesalite speaks
 * HTTP/1.1 only, so the client gets the HTTP/1.1 handler the other SDK clients use.
 *
 * `config` adds client settings, e.g. `SDK_CLIENT_DEFAULTS` for a client nothing else adds middleware to.
 *
 * @example
 * const kinesis = createLocalKinesisClient('http://127.0.0.1:4567');
 */
export function createLocalKinesisClient(endpoint: string, region: string = LOCAL_REGION, config: Pick<KinesisClientConfig, 'cacheMiddleware'> = {}): KinesisClient {
  return new KinesisClient({
    ...config,
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000 }),
  });
}

/**
 * Accepts either an SDK client or an endpoint, as every Snowline store does.
 * `owned` says whether the caller created the client and so must `destroy()` it; such a client
 * takes `SDK_CLIENT_DEFAULTS`, since no one else can add middleware to it.
 */
export function resolveKinesisClient(
  kinesis: KinesisClient | string,
  region: string = LOCAL_REGION,
): { readonly client: KinesisClient; readonly owned: boolean } {
  if (typeof kinesis === 'string') return { client: createLocalKinesisClient(kinesis, region, SDK_CLIENT_DEFAULTS), owned: true };
  return { client: kinesis, owned: false };
}
