import type { ServiceTiming } from './types';

/** A started part of the stack and how to stop it. */
export interface Stoppable {
  readonly name: string;
  /** Lower stops first. */
  readonly order: number;
  stop(): Promise<void>;
}

/** The order parts stop in: what produces work first, what stores it last; PostgreSQL at the very end. */
export const STOP_ORDER = {
  consumer: 0,
  http: 1,
  featurestore: 2,
  sagemaker: 3,
  modelServer: 4,
  dynamodb: 5,
  kinesis: 6,
  postgres: 7,
} as const;

/** How long one part may take to stop before the next one goes anyway, in ms. */
export const STOP_TIMEOUT_MS = 20_000;

async function bounded(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not stop within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops every part, one at a time in {@link STOP_ORDER} (consumers of one order together), and
 * goes on past a part that fails or hangs, so one stuck service never leaves PostgreSQL running.
 */
export async function stopInOrder(parts: readonly Stoppable[], log: (line: string) => void = () => undefined): Promise<ServiceTiming[]> {
  const timings: ServiceTiming[] = [];
  const orders = [...new Set(parts.map((p) => p.order))].sort((a, b) => a - b);
  for (const order of orders) {
    // Parts of one order stop together; their timings are listed by name, so the report reads the
    // same whichever finishes (or started) first.
    const together = await Promise.all(
      parts
        .filter((part) => part.order === order)
        .map(async (part): Promise<ServiceTiming> => {
          const started = performance.now();
          try {
            await bounded(Promise.resolve().then(() => part.stop()), STOP_TIMEOUT_MS);
            const timing = { name: part.name, ms: Math.round(performance.now() - started) };
            log(`stopped ${part.name} (${timing.ms} ms)`);
            return timing;
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            log(`${part.name} failed to stop: ${message}`);
            return { name: part.name, ms: Math.round(performance.now() - started), error: message };
          }
        }),
    );
    timings.push(...together.sort((a, b) => a.name.localeCompare(b.name)));
  }
  return timings;
}
