import { SAGEMAKER_DEFAULTS } from './constants';

/** Options the endpoint store is created from (see {@link startSageMakerRuntime}). */
export interface EndpointStoreOptions {
  /** Endpoint name → base URL of its model server, e.g. `{ churn: 'http://127.0.0.1:8080' }`. */
  readonly endpoints: Readonly<Record<string, string>>;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** The variant reported in `x-Amzn-Invoked-Production-Variant`. @default 'AllTraffic' */
  readonly variantName?: string;
  /** How long a container may take to answer, as SageMaker's 60 s limit. @default 60000 */
  readonly invocationTimeoutMs?: number;
  /** How long GET /ping may take before the model counts as not ready. @default 2000 */
  readonly pingTimeoutMs?: number;
}

/** The local runtime's state, created once and handed to every action. */
export interface EndpointStore {
  /** Endpoint name → model server base URL; the runtime may add endpoints later. */
  readonly endpoints: Map<string, string>;
  /** Endpoints whose model server has answered GET /ping with 200. */
  readonly ready: Set<string>;
  readonly accountId: string;
  readonly region: string;
  readonly variantName: string;
  readonly containerName: string;
  readonly invocationTimeoutMs: number;
  readonly pingTimeoutMs: number;
}

/** Creates the store, filling defaults. */
export const createEndpointStore = (options: EndpointStoreOptions): EndpointStore => ({
  endpoints: new Map(Object.entries(options.endpoints)),
  ready: new Set(),
  accountId: options.accountId ?? SAGEMAKER_DEFAULTS.accountId,
  region: options.region ?? SAGEMAKER_DEFAULTS.region,
  variantName: options.variantName ?? SAGEMAKER_DEFAULTS.variantName,
  containerName: SAGEMAKER_DEFAULTS.containerName,
  invocationTimeoutMs: options.invocationTimeoutMs ?? SAGEMAKER_DEFAULTS.invocationTimeoutMs,
  pingTimeoutMs: options.pingTimeoutMs ?? SAGEMAKER_DEFAULTS.pingTimeoutMs,
});
