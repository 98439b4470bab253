import { startEventSourceMapping } from '../../esm/startEventSourceMapping';
import type { MappingStats } from '../../esm/types';
import type { Endpoints } from '../endpointsSchema';
import type { ConsumerDefinition } from '../types';

/** A consumer of the local stack at work: its mapping's counters and how to stop it. */
export interface RunningConsumer {
  /** The mapping's counters (from a consumer thread: as of its last report, at most 500 ms old). */
  stats(): MappingStats;
  /** Stops polling, lets in-flight batches finish and be checkpointed, then closes the handler. */
  close(): Promise<void>;
  /** In a thread of its own: the CPU its threads used so far, in µs; absent in the stack's thread. */
  readonly cpuMicros?: () => number | undefined;
}

/** A consumer in a thread of its own. */
export interface ConsumerThread extends RunningConsumer {
  /** Simulates a crash: ends the thread at once, with nothing checkpointed after; it is started again from its checkpoints. */
  crash(): Promise<void>;
  /** The CPU (user + system) its threads used so far (restarts included), in µs, as of the last report; undefined before it or without /proc. */
  readonly cpuMicros: () => number | undefined;
}

/**
 * Runs one consumer in this thread: builds its handler on the stack's endpoints and starts the
 * event source mapping that feeds it, with checkpoints under `<dataDir>/esm/<name>/`.
 *
 * @example
 * const running = await runConsumer(DEFAULT_CONSUMERS[0]!, endpoints);
 * running.stats().recordsProcessed;
 * await running.close();
 */
export async function runConsumer(consumer: ConsumerDefinition, endpoints: Endpoints): Promise<RunningConsumer> {
  const handler = await consumer.createHandler(endpoints);
  const mapping = await startEventSourceMapping({
    name: consumer.name,
    kinesis: endpoints.kinesis,
    region: endpoints.region,
    streamName: consumer.streamName,
    settings: consumer.settings,
    handler,
    dataDir: endpoints.dataDir,
  }).catch(async (error: unknown) => {
    await handler.close?.();
    throw error;
  });
  return {
    stats: () => mapping.stats(),
    close: async () => {
      await mapping.stop();
      await handler.close?.();
    },
  };
}
