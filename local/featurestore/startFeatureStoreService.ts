import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_MAX_BUFFERED_ROWS, LOCAL_ACCOUNT_ID, LOCAL_REGION } from './constants';
import { FeatureStoreStartError } from './errors';
import { FeatureStore } from './FeatureStore';
import { handleRequest } from './http/handleRequest';
import { offlineStoreLayout } from './offlineStoreLayout';
import type { FeatureStoreService, FeatureStoreServiceOptions } from './types';

/**
 * Starts the local SageMaker Feature Store runtime: PutRecord, GetRecord, BatchGetRecord and
 * DeleteRecord on the REST paths `@aws-sdk/client-sagemaker-featurestore-runtime` calls, for the
 * declared feature groups.
 *
 * With `dataDir`, every acknowledged write is in an fsynced write-ahead log first, so the online
 * store survives a restart or a SIGKILL. With `offlineStoreDir`, accepted records are appended
 * as Parquet in the offline store's layout, flushed every `flushIntervalMs` and on close.
 *
 * @example
 * ```ts
 * const service = await startFeatureStoreService({ featureGroups: FEATURE_GROUPS, dataDir, offlineStoreDir: join(lake, 'feature-store') });
 * const client = new SageMakerFeatureStoreRuntimeClient({ endpoint: service.endpoint, region: 'us-east-1' });
 * ```
 */
export async function startFeatureStoreService(options: FeatureStoreServiceOptions): Promise<FeatureStoreService> {
  const names = new Set<string>();
  for (const group of options.featureGroups) {
    if (names.has(group.name.toLowerCase())) throw new FeatureStoreStartError(`feature group '${group.name}' is declared twice`);
    names.add(group.name.toLowerCase());
  }
  const now = options.now ?? Date.now;
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const region = options.region ?? LOCAL_REGION;
  let store: FeatureStore;
  try {
    store = await FeatureStore.open({
      featureGroups: options.featureGroups,
      dataDir: options.dataDir,
      offlineStoreDir: options.offlineStoreDir,
      accountId,
      region,
      maxBufferedRows: options.maxBufferedRows ?? DEFAULT_MAX_BUFFERED_ROWS,
      now,
    });
  } catch (error) {
    throw new FeatureStoreStartError(`cannot open its data (${(error as Error).message})`, { cause: error });
  }

  const server = createServer((request, response) => void handleRequest(store, request, response));
  const host = options.host ?? '127.0.0.1';
  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    await store.close();
    throw new FeatureStoreStartError(`cannot listen on ${host}:${options.port ?? 0}`, { cause: error });
  }
  const { port } = server.address() as AddressInfo;

  const timer = setInterval(() => {
    store.flushOfflineStore().catch((error: unknown) => process.emitWarning(error as Error));
  }, options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
  timer.unref();

  let closing: Promise<void> | undefined;
  const offlineRoot = options.offlineStoreDir === undefined ? undefined : offlineStoreLayout.root(options.offlineStoreDir, accountId, region);
  return {
    name: 'featurestore',
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    flushOfflineStore: () => store.flushOfflineStore(),
    offlineStoreLocation: (featureGroupName) => store.offlineStoreLocation(featureGroupName),
    close: () =>
      (closing ??= (async () => {
        clearInterval(timer);
        await stopServer(server);
        await store.close();
      })()),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting connections, lets requests in flight finish (5 s at most), then cuts the rest. */
async function stopServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timeout: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timeout = setTimeout(resolve, 5_000)));
  await Promise.race([closed, deadline]);
  clearTimeout(timeout);
  server.closeAllConnections();
  await closed;
}
