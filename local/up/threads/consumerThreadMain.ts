/**
 * The body of a consumer thread (started by startConsumerThread through entry.mjs): runs the
 * consumer of DEFAULT_CONSUMERS that `workerData` names, reports its counters and its CPU every
 * `statsEveryMs`, and stops in order when asked.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_CONSUMERS } from '../defaultConsumers';
import type { ConsumerThreadData, FromConsumerThread, ToConsumerThread } from './messages';
import { runConsumer } from './runConsumer';
import { threadCpuMicros } from './threadCpuMicros';

const port = parentPort!;
const data = workerData as ConsumerThreadData;
const post = (message: FromConsumerThread): void => port.postMessage(message);
const describe = (error: unknown): string => (error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error));

try {
  const consumer = DEFAULT_CONSUMERS.find((c) => c.name === data.consumer);
  if (consumer === undefined) throw new Error(`no consumer named "${data.consumer}" in DEFAULT_CONSUMERS`);
  const running = await runConsumer(consumer, data.endpoints);
  post({ type: 'ready', stats: running.stats(), cpuMicros: threadCpuMicros() });
  const timer = setInterval(() => post({ type: 'stats', stats: running.stats(), cpuMicros: threadCpuMicros() }), data.statsEveryMs);
  port.on('message', (message: ToConsumerThread) => {
    if (message.type !== 'stop') return;
    clearInterval(timer);
    running.close().then(
      () => post({ type: 'stopped', stats: running.stats(), cpuMicros: threadCpuMicros() }),
      (error: unknown) => post({ type: 'failed', message: `stopping: ${describe(error)}` }),
    );
  });
} catch (error) {
  post({ type: 'failed', message: describe(error) });
}
