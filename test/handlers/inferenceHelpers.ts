import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MODEL_FEATURE_NAMES } from '../../lib/model';
import { startFeatureStoreService } from '../../local/featurestore/startFeatureStoreService';
import type { FeatureStoreService } from '../../local/featurestore/types';
import { createPlaceholderModel } from '../../local/sagemaker/placeholderModel';
import type { Model } from '../../local/sagemaker/model';
import { startModelServer, type ModelServerService } from '../../local/sagemaker/startModelServer';
import { startSageMakerRuntime, type SageMakerRuntimeService } from '../../local/sagemaker/startSageMakerRuntime';
import { FEATURE_GROUPS } from '../../schemas/feature-groups';

/**
 * A transparent logistic model over the model's columns, served by the real model server: more
 * add-to-carts and page views raise the score, a stale user lowers it. Tests read its scores.
 */
export function testModel(): Model {
  const weight: Record<string, number> = { add_to_carts_1h: 1.2, page_views_1h: 0.15, events_1h: 0.05, transactions_24h: 0.5, user_event_age_s: -0.0001, product_add_to_carts_1h: 0.1 };
  return createPlaceholderModel({ name: 'test-logistic', featureNames: MODEL_FEATURE_NAMES, weights: MODEL_FEATURE_NAMES.map((name) => weight[name] ?? 0), bias: -3 });
}

/** The real local services behind the inference API: the Feature Store, the model server and the SageMaker runtime. */
export interface InferenceServices {
  readonly featurestore: FeatureStoreService;
  readonly modelServer: ModelServerService;
  readonly sagemaker: SageMakerRuntimeService;
  /** A client to write records with. */
  readonly writer: SageMakerFeatureStoreRuntimeClient;
  close(): Promise<void>;
}

/** Starts the services on scratch directories and free ports. */
export async function startInferenceServices(model: Model | Promise<Model> = testModel()): Promise<InferenceServices> {
  const root = await mkdtemp(join(tmpdir(), 'snowline-inference-'));
  const featurestore = await startFeatureStoreService({ featureGroups: FEATURE_GROUPS, dataDir: join(root, 'data'), offlineStoreDir: join(root, 'lake'), flushIntervalMs: 60_000 });
  const modelServer = await startModelServer({ model });
  const sagemaker = await startSageMakerRuntime({ endpoints: { 'snowline-propensity': modelServer.endpoint } });
  const writer = new SageMakerFeatureStoreRuntimeClient({ endpoint: featurestore.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let closed = false;
  return {
    featurestore,
    modelServer,
    sagemaker,
    writer,
    close: async () => {
      if (closed) return;
      closed = true;
      writer.destroy();
      await Promise.allSettled([featurestore.close(), modelServer.close(), sagemaker.close()]);
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Writes a user_activity record, `secondsAgo` old. */
export async function putUser(client: SageMakerFeatureStoreRuntimeClient, id: string, features: Record<string, string | number>, secondsAgo = 5): Promise<void> {
  const record = { domain_userid: id, event_time: new Date(Date.now() - secondsAgo * 1000).toISOString(), ...features };
  await client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: Object.entries(record).map(([FeatureName, v]) => ({ FeatureName, ValueAsString: String(v) })) }));
}

/** Writes a product_activity record, `secondsAgo` old. */
export async function putProduct(client: SageMakerFeatureStoreRuntimeClient, sku: string, features: Record<string, string | number>, secondsAgo = 5): Promise<void> {
  const record = { sku, event_time: new Date(Date.now() - secondsAgo * 1000).toISOString(), ...features };
  await client.send(new PutRecordCommand({ FeatureGroupName: 'product_activity', Record: Object.entries(record).map(([FeatureName, v]) => ({ FeatureName, ValueAsString: String(v) })) }));
}

/** An HTTP server that accepts connections and never answers: a hung dependency. */
export async function startHungServer(): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const server: Server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A free port nothing listens on: a dependency that is down. */
export async function deadEndpoint(): Promise<string> {
  const hung = await startHungServer();
  await hung.close();
  return hung.endpoint;
}

/** An HTTP API event (payload 2.0) for a route, as API Gateway builds it. */
export function httpEvent(routeKey: string, body: unknown): APIGatewayProxyEventV2 {
  const [method, rawPath] = routeKey.split(' ') as [string, string];
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    isBase64Encoded: false,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    requestContext: { http: { method, path: rawPath } } as APIGatewayProxyEventV2['requestContext'],
  };
}
