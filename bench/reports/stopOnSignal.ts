/** Things to stop if the benchmark is interrupted. */
export interface StopOnSignal {
  /** Registers something to stop; returns a function that unregisters it (once it was stopped normally). */
  add(stop: () => Promise<void>): () => void;
  /** Removes the signal handlers. */
  dispose(): void;
}

/** How long the stops may take before the process exits anyway. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * On SIGINT or SIGTERM, stops what is registered (the child process, the local stack with its
 * PostgreSQL) before exiting with 128 + the signal number, so an interrupted run leaves no
 * process or temporary data dir behind.
 *
 * @example
 * const signals = stopOnSignal();
 * const child = await startServicesChild();
 * const forget = signals.add(child.stop);
 * try { ... } finally { forget(); await child.stop(); }
 */
export function stopOnSignal(): StopOnSignal {
  const stops = new Set<() => Promise<void>>();
  const handle = (signal: NodeJS.Signals): void => {
    process.stderr.write(`reports bench: ${signal}, stopping\n`);
    const timer = setTimeout(() => process.exit(1), STOP_TIMEOUT_MS);
    timer.unref();
    void Promise.allSettled([...stops].map((stop) => stop())).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handle);
  process.once('SIGTERM', handle);
  return {
    add: (stop) => {
      stops.add(stop);
      return () => void stops.delete(stop);
    },
    dispose: () => {
      process.off('SIGINT', handle);
      process.off('SIGTERM', handle);
    },
  };
}
