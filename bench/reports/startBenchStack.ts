import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONSUMERS, PORT_NAMES, startStack, type Endpoints, type LocalStack, type PortName } from '../../local/up';
import { InvocationLog } from './InvocationLog';

/** A local stack on free ports and a temporary data dir, removed on close. */
export interface BenchStack {
  readonly stack: LocalStack;
  /** The report handler's invocations. */
  readonly invocations: InvocationLog;
  /** The invocations of the consumer with this name (`reports`, `features`), or undefined when the stack runs none by that name. */
  invocationsOf(consumer: string): InvocationLog | undefined;
  /** Stops the stack and removes its data dir. Safe to call twice. */
  close(): Promise<void>;
}

/** Options of {@link startBenchStack}. */
export interface BenchStackOptions {
  /** Names the temporary data dir (`snowline-bench-<name>-XXXXXX`). @default 'reports' */
  readonly name?: string;
  /**
   * The consumers to run, by name. On AWS each Lambda has its own compute; on a 2-core machine a
   * second consumer in the same process would take the measured one's CPU. @default - all DEFAULT_CONSUMERS
   */
  readonly consumers?: readonly string[];
}

/**
 * Starts the local stack as `snowline up` runs it (kinesalite and dynalite on disk, the
 * DEFAULT_CONSUMERS on the enriched stream through the event-source-mapping runner with
 * DEFAULT_EVENT_SOURCE, the HTTP API with `/api/health` and the dashboard routes), on free ports
 * and in a fresh temporary data dir, so it never collides with a running `snowline up`. Each
 * handler is the one `snowline up` builds, wrapped to time its invocations in its own log.
 */
export async function startBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const dataDir = await mkdtemp(join(tmpdir(), `snowline-bench-${options.name ?? 'reports'}-`));
  // As root, PostgreSQL runs as another user, and mkdtemp's directories are private.
  await chmod(dataDir, 0o755);
  const ports = Object.fromEntries(PORT_NAMES.map((name) => [name, 0])) as Record<PortName, number>;
  const chosen = DEFAULT_CONSUMERS.filter((c) => options.consumers === undefined || options.consumers.includes(c.name));
  const logs = new Map(chosen.map((consumer) => [consumer.name, new InvocationLog()]));
  const consumers = chosen.map((consumer) => ({ ...consumer, createHandler: async (endpoints: Endpoints) => logs.get(consumer.name)!.wrap(await consumer.createHandler(endpoints)) }));
  let stack: LocalStack;
  try {
    stack = await startStack({ dataDir, fresh: true, ports, consumers });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    stack,
    invocations: logs.get('reports') ?? new InvocationLog(),
    invocationsOf: (consumer) => logs.get(consumer),
    close: () =>
      (closing ??= (async () => {
        try {
          await stack.close();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      })()),
  };
}
