/**
 * The body of a service thread (started by startServiceThread through entry.mjs): starts the
 * service `workerData` names with its options, says where it listens, reports its CPU every
 * `statsEveryMs`, and closes it when asked.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LocalService } from '../../service';
import { threadCpuMicros } from './threadCpuMicros';
import type { FromServiceThread, ServiceThreadData, ThreadedServiceName, ToServiceThread } from './messages';

const port = parentPort!;
const data = workerData as ServiceThreadData;
const post = (message: FromServiceThread): void => port.postMessage(message);

/** How each service starts; imported on demand, so a thread loads only its own service. */
const STARTERS: Record<ThreadedServiceName, (options: never) => Promise<LocalService>> = {
  kinesis: async (options) => (await import('../../kinesis/startKinesis')).startKinesis(options),
  dynamodb: async (options) => (await import('../../dynamodb/startDynamoDb')).startDynamoDb(options),
  featurestore: async (options) => (await import('../../featurestore/startFeatureStoreService')).startFeatureStoreService(options),
};

try {
  const service = await STARTERS[data.service](data.options as never);
  post({ type: 'ready', endpoint: service.endpoint });
  const timer = setInterval(() => post({ type: 'cpu', cpuMicros: threadCpuMicros() }), data.statsEveryMs);
  port.on('message', (message: ToServiceThread) => {
    if (message.type !== 'stop') return;
    clearInterval(timer);
    service.close().then(
      () => post({ type: 'stopped' }),
      (error: unknown) => post({ type: 'failed', message: `stopping: ${error instanceof Error ? error.message : String(error)}` }),
    );
  });
} catch (error) {
  // The first error code in the cause chain (EADDRINUSE names the port option in the main thread).
  let code: string | undefined;
  for (let e: unknown = error, depth = 0; e instanceof Error && code === undefined && depth < 8; depth++, e = e.cause) {
    const c = (e as NodeJS.ErrnoException).code;
    if (typeof c === 'string') code = c;
  }
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error), ...(code === undefined ? {} : { code }) });
}
