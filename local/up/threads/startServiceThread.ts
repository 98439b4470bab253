import { Worker } from 'node:worker_threads';
import type { LocalService } from '../../service';
import { ServiceThreadDiedError } from '../errors';
import type { FromServiceThread, ServiceThreadData, ThreadedServiceName, ToServiceThread } from './messages';

const ENTRY = new URL('./entry.mjs', import.meta.url);
/** How often a service thread reports its CPU, in ms. */
const SERVICE_STATS_EVERY_MS = 1_000;

/** A service in a thread of its own. */
export interface ServiceThread extends LocalService {
  /** The thread's CPU (user + system) so far, in µs, as of its last report (at most 1 s old); undefined before it or without /proc. */
  cpuMicros(): number | undefined;
}

/**
 * Runs a local service (kinesalite, dynalite or the Feature Store) in a worker thread of its own,
 * so the requests it answers do not wait behind the other services' work, and the services and
 * consumers of `snowline up` use every core. `options` are the service's own start options
 * (plain data: they are copied into the thread). The thread listens on the port itself; the
 * service is reached through its endpoint as before.
 *
 * @param onDied called when the thread ends without `close()` (the stack cannot go on: a crash).
 * @throws Error when the service fails to start, with the thread's message, and the error's code (EADDRINUSE) kept.
 * @example
 * const featurestore = await startServiceThread('featurestore', { port: 4569, featureGroups: FEATURE_GROUPS }, (e) => { throw e; });
 * await featurestore.close();
 */
export async function startServiceThread(service: ThreadedServiceName, options: object, onDied: (error: ServiceThreadDiedError) => void): Promise<ServiceThread> {
  const data: ServiceThreadData = { main: './serviceThreadMain.ts', service, options, statsEveryMs: SERVICE_STATS_EVERY_MS };
  let cpuMicros: number | undefined;
  const worker = new Worker(ENTRY, { workerData: data, name: `service ${service}` });
  let closing = false;
  let stopped!: () => void;
  const stoppedPromise = new Promise<void>((resolve) => (stopped = resolve));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let ready = false;
    const died = (reason: string, code?: string): void => {
      stopped();
      if (!ready) {
        reject(Object.assign(new Error(`${service}: ${reason}`), code === undefined ? {} : { code }));
        return;
      }
      if (!closing) onDied(new ServiceThreadDiedError(service, reason));
    };
    worker.on('message', (message: FromServiceThread) => {
      if (message.type === 'ready') {
        ready = true;
        resolve(message.endpoint);
      } else if (message.type === 'cpu') {
        cpuMicros = message.cpuMicros;
      } else if (message.type === 'stopped') {
        stopped();
      } else {
        void worker.terminate();
        died(message.message, message.code);
      }
    });
    worker.on('error', (error) => died(error.message));
    worker.on('exit', (code) => died(`exited with code ${code}`));
  });
  let closed: Promise<void> | undefined;
  return {
    name: service,
    endpoint,
    cpuMicros: () => cpuMicros,
    close: () =>
      (closed ??= (async () => {
        closing = true;
        worker.postMessage({ type: 'stop' } satisfies ToServiceThread);
        await stoppedPromise;
        await worker.terminate();
      })()),
  };
}
