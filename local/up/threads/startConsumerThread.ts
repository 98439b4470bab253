import { Worker } from 'node:worker_threads';
import type { MappingStats } from '../../esm/types';
import type { Endpoints } from '../endpointsSchema';
import type { ConsumerThreadData, FromConsumerThread, ToConsumerThread } from './messages';
import type { ConsumerThread } from './runConsumer';

/** Options of {@link startConsumerThread}. */
export interface ConsumerThreadOptions {
  /** How often the thread reports its counters. @default 500 */
  readonly statsEveryMs?: number;
  /** Pause before a thread that died is started again. @default 1000 */
  readonly restartDelayMs?: number;
  /** Where restarts are reported. @default - nowhere */
  readonly log?: (line: string) => void;
}

const ENTRY = new URL('./entry.mjs', import.meta.url);

/** Zero counters, until the thread's first report. */
const emptyStats = (name: string, streamName: string): MappingStats => ({ name, streamName, shards: [], recordsProcessed: 0, batches: 0, failedBatches: 0, recordsToOnFailure: 0 });

/**
 * Runs one of DEFAULT_CONSUMERS (by name) in a worker thread of its own, so the consumers and the
 * emulators of `snowline up` use every core, as Lambda gives each function its own CPU. The
 * thread builds the handler and its mapping itself; checkpoints are the same files as in one
 * thread, so a SIGKILL of the process loses nothing. A thread that dies (an uncaught error) is
 * logged and started again after `restartDelayMs`, resuming from its checkpoints, as Lambda
 * retries a crashed invocation.
 *
 * @throws Error naming the consumer when its thread fails to start (its mapping or handler threw).
 * @example
 * const running = await startConsumerThread({ name: 'features', streamName }, endpoints, { log: console.log });
 * await running.close();
 */
export async function startConsumerThread(
  consumer: { readonly name: string; readonly streamName: string },
  endpoints: Endpoints,
  options: ConsumerThreadOptions = {},
): Promise<ConsumerThread> {
  const data: ConsumerThreadData = { main: './consumerThreadMain.ts', consumer: consumer.name, endpoints, statsEveryMs: options.statsEveryMs ?? 500 };
  const restartDelayMs = options.restartDelayMs ?? 1_000;
  let stats = emptyStats(consumer.name, consumer.streamName);
  // CPU of the threads that ended (a restart starts a new one), and of the current one so far.
  let endedCpuMicros = 0;
  let currentCpuMicros: number | undefined;
  let closing = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let current: { worker: Worker; stopped: Promise<void> } | undefined;

  /** Starts a thread; resolves when its mapping runs, rejects when it fails first. */
  const spawn = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let ready = false;
      let stopped!: () => void;
      const worker = new Worker(ENTRY, { workerData: data, name: `consumer ${consumer.name}` });
      const entry = { worker, stopped: new Promise<void>((r) => (stopped = r)) };
      current = entry;
      let dead = false;
      const died = (reason: string): void => {
        if (dead) return;
        dead = true;
        endedCpuMicros += currentCpuMicros ?? 0;
        currentCpuMicros = undefined;
        stopped();
        if (!ready) return reject(new Error(`consumer ${consumer.name}: ${reason}`));
        if (closing || current !== entry) return;
        options.log?.(`consumer ${consumer.name}: thread died (${reason}); starting it again in ${restartDelayMs} ms from its checkpoints`);
        restartTimer = setTimeout(() => {
          if (!closing) spawn().catch((error: unknown) => options.log?.(`consumer ${consumer.name}: could not be started again: ${(error as Error).message}`));
        }, restartDelayMs);
      };
      worker.on('message', (message: FromConsumerThread) => {
        if (message.type === 'failed') {
          void worker.terminate();
          died(message.message);
          return;
        }
        stats = message.stats;
        currentCpuMicros = message.cpuMicros;
        if (message.type === 'ready') {
          ready = true;
          resolve();
        } else if (message.type === 'stopped') {
          stopped();
          void worker.terminate();
        }
      });
      worker.on('error', (error) => died(error.message));
      worker.on('exit', (code) => died(`exited with code ${code}`));
    });

  await spawn();
  return {
    stats: () => stats,
    cpuMicros: () => (currentCpuMicros === undefined && endedCpuMicros === 0 ? undefined : endedCpuMicros + (currentCpuMicros ?? 0)),
    crash: async () => {
      await current?.worker.terminate();
    },
    close: async () => {
      closing = true;
      clearTimeout(restartTimer);
      if (current === undefined) return;
      current.worker.postMessage({ type: 'stop' } satisfies ToConsumerThread);
      await current.stopped;
      await current.worker.terminate();
    },
  };
}
