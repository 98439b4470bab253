/** Where a store's AWS service is: an endpoint (a local service) and optionally a region. */
export interface ServiceTarget {
  readonly endpoint: string;
  readonly region?: string;
}

/**
 * The SDK client configuration for a {@link ServiceTarget}: placeholder credentials unless the
 * environment has real ones (the local services check that requests are signed, not by whom).
 */
export function clientConfig(target: ServiceTarget) {
  return {
    endpoint: target.endpoint,
    region: target.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(process.env.AWS_ACCESS_KEY_ID === undefined ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  };
}
