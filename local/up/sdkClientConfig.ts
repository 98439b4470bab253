import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsServiceName, Endpoints } from './endpointsSchema';

/** What an AWS SDK v3 client needs to talk to a local service. */
export interface LocalClientConfig {
  readonly endpoint: string;
  readonly region: string;
  /** Placeholders: the local services check that requests are signed, not by whom. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** An HTTP/1.1 handler where the client would default to HTTP/2 (Kinesis), which kinesalite does not speak. */
  readonly requestHandler?: NodeHttpHandler;
}

/**
 * The client configuration for one service of the running local stack, to spread into the
 * real SDK client's constructor.
 *
 * @example
 * const endpoints = await readEndpoints();
 * const kinesis = new KinesisClient(sdkClientConfig(endpoints, 'kinesis'));
 * const featureStore = new SageMakerFeatureStoreRuntimeClient(sdkClientConfig(endpoints, 'featurestore'));
 */
export function sdkClientConfig(endpoints: Pick<Endpoints, AwsServiceName | 'region'>, service: AwsServiceName): LocalClientConfig {
  return {
    endpoint: endpoints[service],
    region: endpoints.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...(service === 'kinesis' ? { requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000 }) } : {}),
  };
}
