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
  /** Stops the stack and removes its data dir. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the local stack as `snowline up` runs it (kinesalite and dynalite on disk, the report
 * handler on the enriched stream through the event-source-mapping runner with
 * DEFAULT_EVENT_SOURCE, the HTTP API with `/api/health` and the dashboard routes), on free ports
 * and in a fresh temporary data dir, so it never collides with a running `snowline up`. The
 * report handler is the one `snowline up` builds, wrapped to time its invocations.
 */
export async function startBenchStack(): Promise<BenchStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'snowline-bench-reports-'));
  // As root, PostgreSQL runs as another user, and mkdtemp's directories are private.
  await chmod(dataDir, 0o755);
  const ports = Object.fromEntries(PORT_NAMES.map((name) => [name, 0])) as Record<PortName, number>;
  const invocations = new InvocationLog();
  const consumers = DEFAULT_CONSUMERS.map((consumer) => ({ ...consumer, createHandler: (endpoints: Endpoints) => invocations.wrap(consumer.createHandler(endpoints)) }));
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
    invocations,
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
