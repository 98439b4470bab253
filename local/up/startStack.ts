import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FEATURE_GROUPS } from '../../schemas/feature-groups';
import { STREAMS, TABLES } from '../../stacks/config';
import { startDynamoDb } from '../dynamodb/startDynamoDb';
import { startFeatureStoreService } from '../featurestore/startFeatureStoreService';
import { type LakeMerger, startLakeMerger } from '../glue/startLakeMerger';
import { ensureApiKey } from '../http/apiKeyFile';
import { LOCAL_MAX_BODY_BYTES } from '../http/constants';
import { startHttpApi } from '../http/startHttpApi';
import { startKinesis } from '../kinesis/startKinesis';
import { startPostgres } from '../postgres/startPostgres';
import { startShopReplication } from '../replicator/startShopReplication';
import { stopStalePostgres, type StaleOutcome } from '../postgres/stopStalePostgres';
import { createPlaceholderModel } from '../sagemaker/placeholderModel';
import { loadServedModel, PUBLISHED_MODEL_DIR } from '../sagemaker/loadServedModel';
import { startModelServer } from '../sagemaker/startModelServer';
import { startSageMakerRuntime } from '../sagemaker/startSageMakerRuntime';
import { DATA_DIR_LAYOUT, DEFAULT_DATA_DIR, DEFAULT_HOST, LOCAL_MODEL_ENDPOINT, LOCAL_STACK_REGION, type PortName } from './constants';
import { runConsumer, type RunningConsumer, startConsumerThread, startServiceThread, threadCpuMicros } from './threads';
import type { LocalService } from '../service';
import { DataDirLock } from './DataDirLock';
import { DEFAULT_CONSUMERS } from './defaultConsumers';
import { DASHBOARD_STATIC_DIR, DEFAULT_ROUTES, dashboardApiRoutes, inferenceApiRoutes } from './defaultRoutes';
import { createLocalInferenceHandler } from '../../handlers/inference';
import { cacheHitRate } from '../../lib/inference/createCounters';
import { DynamoReportStore } from '../../stores/reports';
import { DASHBOARD_SECURITY_HEADERS, reportHealth } from '../../lib/dashboard';
import { removeEndpoints, writeEndpoints } from './endpointsFile';
import type { Endpoints } from './endpointsSchema';
import { ServiceStartError } from './errors';
import { namesByKey } from './logicalKey';
import { prepareDataDir } from './prepareDataDir';
import { portErrorFor, resolvePorts, type ServicePorts } from './resolvePorts';
import { STOP_ORDER, stopInOrder, type Stoppable } from './stopInOrder';
import type { LocalStack, ServiceTiming, StartStackOptions, ThreadCpu } from './types';

/**
 * Whether the local HTTP API requires its key when {@link StartStackOptions.requireApiKey} is not
 * given (README, "Security checks"): `snowline up` then generates `<data-dir>/api-key` once (mode
 * 0600), writes it into `endpoints.json` as `apiKey`, and its HTTP API answers 401 on `/api/*` and
 * `/predict*` without it (`x-api-key`, a bearer token, or the cookie `GET /?key=<key>` sets for
 * the dashboard). `snowline up --no-api-key` turns it off.
 */
export const REQUIRE_LOCAL_API_KEY = true;

/** A service of the stack, with its thread's CPU when it runs in one. */
type StackService = LocalService & { readonly cpuMicros?: () => number | undefined };

/**
 * Starts the whole local system in this process: kinesalite, dynalite, PostgreSQL (with
 * `wal_level=logical`), the Feature Store runtime, the SageMaker runtime and model server, the
 * HTTP API, and the consumers of the streams. Streams, tables and feature groups come from the
 * same definitions the CDK stacks use. Every port is checked before anything starts; when one
 * service fails, those already started are stopped again. `endpoints.json` is written last, so
 * its presence means the stack is ready.
 *
 * @throws ServicePortInUseError / ServicePortConflictError naming the option to change.
 * @throws DataDirInUseError when another `snowline up` runs on the data dir.
 * @throws ServiceStartError naming the service that failed.
 * @example
 * const stack = await startStack({ dataDir: '.snowline' });
 * console.log(stack.endpoints.kinesis);
 * await stack.close();
 */
export async function startStack(options: StartStackOptions = {}): Promise<LocalStack> {
  const began = performance.now();
  const host = options.host ?? DEFAULT_HOST;
  const log = options.log ?? (() => undefined);
  const streams = options.streams ?? STREAMS;
  const tables = options.tables ?? TABLES;
  const featureGroups = options.featureGroups ?? FEATURE_GROUPS;
  const consumers = options.consumers ?? DEFAULT_CONSUMERS;
  const threads = options.threads ?? true;
  // A service thread that dies is a crash of the stack, as a service failing in this thread would be.
  const serviceDied = (error: Error): void => {
    log(error.message);
    process.nextTick(() => {
      throw error;
    });
  };
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const lock = await DataDirLock.acquire(dataDir);
  let leftover: StaleOutcome;
  let ports: ServicePorts;
  try {
    // Holding the lock, a PostgreSQL on this data dir can only be one a killed run left behind;
    // it goes before the ports are checked, as it holds the PostgreSQL port. Then the ports, so
    // a port in use fails before anything else is touched, --fresh's wipe included.
    leftover = await stopStalePostgres(join(dataDir, DATA_DIR_LAYOUT.postgres, 'data'));
    ports = await resolvePorts(options.ports ?? {}, host);
  } catch (error) {
    await lock.release();
    throw error;
  }

  const parts: Stoppable[] = [];
  const started: ServiceTiming[] = [];
  const consumersRunning: RunningConsumer[] = [];
  const threadedServices: StackService[] = [];
  /** CPU used so far by each thread: this one (`stack`), then each service's and consumer's that runs in a thread of its own. */
  const threadCpu = (): ThreadCpu[] => {
    const out: ThreadCpu[] = [];
    const own = threadCpuMicros();
    if (own !== undefined) out.push({ name: 'stack', cpuMicros: own });
    for (const service of threadedServices) {
      const micros = service.cpuMicros?.();
      if (micros !== undefined) out.push({ name: service.name, cpuMicros: micros });
    }
    for (const consumer of consumersRunning) {
      const micros = consumer.cpuMicros?.();
      if (micros !== undefined) out.push({ name: `consumer ${consumer.stats().name}`, cpuMicros: micros });
    }
    return out;
  };
  let ready = false;
  let reader: DynamoReportStore | undefined;
  let lakeMerger: LakeMerger | undefined;
  const stop = (): Promise<ServiceTiming[]> => stopInOrder(parts, log);

  const timed = async <T extends { close(): Promise<void>; endpoint: string }>(
    name: string,
    order: number,
    port: PortName | undefined,
    portNumber: number,
    start: () => Promise<T>,
  ): Promise<T> => {
    const t0 = performance.now();
    let service: T;
    try {
      service = await start();
    } catch (error) {
      const mapped = port === undefined ? error : portErrorFor(error, port, portNumber);
      throw mapped === error ? new ServiceStartError(name, { cause: error }) : mapped;
    }
    parts.push({ name, order, stop: () => service.close() });
    const timing = { name, ms: Math.round(performance.now() - t0) };
    started.push(timing);
    log(`started ${name} at ${service.endpoint.replace(/\/\/([^:]+):[^@]+@/, '//$1:***@')} (${timing.ms} ms)`);
    return service;
  };
  const settle = async <T extends unknown[]>(work: { [K in keyof T]: Promise<T[K]> }): Promise<T> => {
    const results = await Promise.allSettled(work);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
    return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as T;
  };

  try {
    await prepareDataDir(dataDir, options.fresh ?? false);
    const common = { host, dataDir };
    const servedModel = loadServedModel(PUBLISHED_MODEL_DIR, () => createPlaceholderModel({ featureNames: LOCAL_MODEL_ENDPOINT.featureNames }));
    const [kinesis, dynamodb, postgres, featurestore, modelServer] = await settle([
      timed<StackService>('kinesis', STOP_ORDER.kinesis, 'kinesis', ports.kinesis, () => (threads ? startServiceThread('kinesis', { ...common, port: ports.kinesis, streams }, serviceDied) : startKinesis({ ...common, port: ports.kinesis, streams }))),
      timed<StackService>('dynamodb', STOP_ORDER.dynamodb, 'dynamodb', ports.dynamodb, () => (threads ? startServiceThread('dynamodb', { ...common, port: ports.dynamodb, tables }, serviceDied) : startDynamoDb({ ...common, port: ports.dynamodb, tables }))),
      timed('postgres', STOP_ORDER.postgres, 'postgres', ports.postgres, () => startPostgres({ ...common, port: ports.postgres })),
      timed<StackService>('featurestore', STOP_ORDER.featurestore, 'featurestore', ports.featurestore, () => {
        const featureStoreOptions = {
          host,
          port: ports.featurestore,
          featureGroups,
          dataDir: join(dataDir, DATA_DIR_LAYOUT.featurestore),
          offlineStoreDir: join(dataDir, DATA_DIR_LAYOUT.lake, 'feature-store'),
          region: LOCAL_STACK_REGION,
        };
        return threads ? startServiceThread('featurestore', featureStoreOptions, serviceDied) : startFeatureStoreService(featureStoreOptions);
      }),
      timed('model-server', STOP_ORDER.modelServer, 'modelServer', ports.modelServer, () =>
        startModelServer({ host, port: ports.modelServer, model: servedModel }),
      ),
    ]);
    threadedServices.push(kinesis, dynamodb, featurestore);
    const sagemaker = await timed('sagemaker', STOP_ORDER.sagemaker, 'sagemaker', ports.sagemaker, () =>
      startSageMakerRuntime({ host, port: ports.sagemaker, region: LOCAL_STACK_REGION, endpoints: { [LOCAL_MODEL_ENDPOINT.endpointName]: modelServer.endpoint } }),
    );
    // The lake's source: the shop's tables and seed (idempotent) and the DMS task (full load on the
    // first start, then CDC into <landing>/shop/, outside the lake), with --demo the shop's database traffic; stopped just before PostgreSQL.
    const shop = await timed('replicator', STOP_ORDER.postgres - 0.5, undefined, 0, () =>
      startShopReplication({ endpoint: postgres.endpoint, landingDir: join(dataDir, DATA_DIR_LAYOUT.landing), workload: options.demo === true, log }),
    );
    // The dashboard API reads the reports the way its Lambda does on AWS: DynamoReportStore on DynamoDB.
    reader = new DynamoReportStore({ dynamodb: { endpoint: dynamodb.endpoint, region: LOCAL_STACK_REGION } });
    const reports = reader;
    // The inference API: the same handler as the Lambda, on the local Feature Store and SageMaker runtime.
    const inference = createLocalInferenceHandler({
      featurestore: featurestore.endpoint,
      sagemaker: sagemaker.endpoint,
      region: LOCAL_STACK_REGION,
      // the version of the model the local endpoint serves, as the Lambda reads MODEL_VERSION on AWS
      modelVersion: (await servedModel).version,
      ...(process.env.FEATURE_CACHE_REDIS_URL ? { redisUrl: process.env.FEATURE_CACHE_REDIS_URL } : {}),
    });
    const apiKey = (options.requireApiKey ?? REQUIRE_LOCAL_API_KEY) ? await ensureApiKey(dataDir) : undefined;
    const http = await timed('http', STOP_ORDER.http, 'http', ports.http, () =>
      startHttpApi({
        host,
        port: ports.http,
        maxBodyBytes: LOCAL_MAX_BODY_BYTES,
        ...(apiKey === undefined ? {} : { apiKey }),
        region: LOCAL_STACK_REGION,
        routes: options.routes ?? [...DEFAULT_ROUTES, ...dashboardApiRoutes({ reader: reports }), ...inferenceApiRoutes(inference)],
        staticDir: options.staticDir ?? DASHBOARD_STATIC_DIR,
        staticHeaders: DASHBOARD_SECURITY_HEADERS,
        health: async () => ({
          ready,
          reports: reportHealth(await reports.freshness(), Date.now()),
          inference: { ...inference.counters, cacheHitRate: cacheHitRate(inference.counters) },
          services: [kinesis, dynamodb, featurestore, sagemaker, modelServer, { name: 'postgres', endpoint: `postgres://${host}:${postgres.port}` }].map(
            (s) => ({ name: s.name, endpoint: s.endpoint, ready }),
          ),
          consumers: consumersRunning.map((c) => c.stats()),
          threads: threadCpu(),
          dataDir,
        }),
      }),
    );
    const endpoints: Endpoints = {
      kinesis: kinesis.endpoint,
      dynamodb: dynamodb.endpoint,
      featurestore: featurestore.endpoint,
      sagemaker: sagemaker.endpoint,
      modelServer: modelServer.endpoint,
      postgres: postgres.endpoint,
      http: http.endpoint,
      ...(apiKey === undefined ? {} : { apiKey }),
      streams: namesByKey(streams.map((s) => s.streamName)),
      tables: namesByKey(tables.map((t) => t.tableName)),
      featureGroups: namesByKey(featureGroups.map((g) => g.name)),
      sagemakerEndpoints: namesByKey([LOCAL_MODEL_ENDPOINT.endpointName]),
      region: LOCAL_STACK_REGION,
      dataDir,
      pid: process.pid,
      startedAt: new Date().toISOString(),
    };
    await settle(
      consumers.map((consumer) =>
        timed(`consumer ${consumer.name}`, STOP_ORDER.consumer, undefined, 0, async () => {
          // The default consumers each get a thread of their own (Lambda gives each function its
          // own CPU); a definition a caller built runs here, as its handler cannot cross threads.
          const running =
            threads && DEFAULT_CONSUMERS.includes(consumer)
              ? await startConsumerThread(consumer, endpoints, { log })
              : await runConsumer(consumer, endpoints);
          consumersRunning.push(running);
          return { endpoint: consumer.streamName, close: () => running.close() };
        }),
      ),
    );
    // The Glue job's scheduled trigger: merges the landing zone's DMS files into the lake every 30 s
    // while there are any, pseudonymising with the archiver's key. Stopped before the services (a merge in progress finishes), outside the stop report.
    lakeMerger = startLakeMerger({ landingDir: join(dataDir, DATA_DIR_LAYOUT.landing), lakeDir: join(dataDir, DATA_DIR_LAYOUT.lake), keyFile: join(dataDir, DATA_DIR_LAYOUT.pseudonymisationKey), log });
    const endpointsFile = await writeEndpoints(dataDir, endpoints);
    ready = true;

    let closing: Promise<readonly ServiceTiming[]> | undefined;
    return {
      endpoints,
      endpointsFile,
      dataDir,
      ports,
      startupMs: Math.round(performance.now() - began),
      started,
      postgres: { previousRun: leftover.kind === 'clean' ? postgres.previousRun : leftover, initialised: postgres.initialised, initdbMs: postgres.initdbMs, logFile: postgres.logFile },
      resources: { streams, tables, featureGroups: featureGroups.map((g) => g.name) },
      lake: { dir: join(dataDir, DATA_DIR_LAYOUT.lake), replicationSlot: shop.replicator.slot },
      model: await servedModel.then(({ name, version }) => ({ name, version })),
      consumerStats: () => consumersRunning.map((c) => c.stats()),
      threadCpu,
      close: () =>
        (closing ??= (async () => {
          ready = false;
          await removeEndpoints(dataDir);
          await lakeMerger?.close();
          const timings = await stop();
          reader?.destroy();
          await lock.release();
          return timings;
        })()),
    };
  } catch (error) {
    await lakeMerger?.close();
    await stop();
    reader?.destroy();
    await lock.release();
    throw error;
  }
}
