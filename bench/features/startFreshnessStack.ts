import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServicesChild, type ServicesChild } from '../reports/startServicesChild';
import { startFeatureConsumer, type FeatureConsumer } from './startFeatureConsumer';

/** The services child and the feature consumer of the freshness run, on a temporary data dir. */
export interface FreshnessStack {
  readonly services: ServicesChild;
  readonly consumer: FeatureConsumer;
  /** The temporary data dir (services, checkpoints, the traffic plan), removed on close. */
  readonly dataDir: string;
  /** Stops the consumer, then the services, and removes the data dir. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts what the freshness run measures, split over two processes: kinesalite, dynalite and the
 * Feature Store in the services child, on disk in a fresh temporary data dir as `snowline up`
 * keeps them (with its streams and tables), and the feature consumer in this process
 * (startFeatureConsumer), its checkpoints in the same data dir.
 */
export async function startFreshnessStack(): Promise<FreshnessStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'snowline-bench-features-'));
  await chmod(dataDir, 0o755);
  let services: ServicesChild | undefined;
  try {
    services = await startServicesChild({ featureStore: true, dataDir });
    const consumer = await startFeatureConsumer(services, dataDir);
    let closing: Promise<void> | undefined;
    const child = services;
    return {
      services: child,
      consumer,
      dataDir,
      close: () =>
        (closing ??= (async () => {
          try {
            await consumer.stop();
          } finally {
            await child.stop();
            await rm(dataDir, { recursive: true, force: true });
          }
        })()),
    };
  } catch (error) {
    await services?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
