import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import kinesalite from 'kinesalite';
import { createStreams } from './createStreams';
import { createLocalKinesisClient } from './createLocalKinesisClient';
import { KinesisStartError } from './errors';
import type { KinesisService, StartKinesisOptions } from './types';

/**
 * Starts kinesalite as a {@link KinesisService}: in memory when `dataDir` is omitted, otherwise in
 * LevelDB under `<dataDir>/kinesis`, so streams and records survive a restart.
 *
 * @example
 * const kinesis = await startKinesis({ streams: STREAMS });
 * // ... point KinesisClient at kinesis.endpoint ...
 * await kinesis.close();
 */
export async function startKinesis(options: StartKinesisOptions = {}): Promise<KinesisService> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const path = options.dataDir === undefined ? undefined : join(options.dataDir, 'kinesis');
  if (path !== undefined) await mkdir(path, { recursive: true });

  const server = kinesalite({
    ...(path === undefined ? {} : { path }),
    createStreamMs: options.createStreamMs ?? 0,
    deleteStreamMs: options.deleteStreamMs ?? 0,
    updateStreamMs: options.updateStreamMs ?? 0,
    shardLimit: options.shardLimit ?? 50,
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (cause) {
    throw new KinesisStartError(port, path, { cause });
  }

  const actualPort = (server.address() as AddressInfo).port;
  const endpoint = `http://${host}:${actualPort}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      // kinesalite closes its LevelDB first, then the HTTP server; keep-alive sockets of SDK
      // clients would hold the server open, so they are dropped.
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeIdleConnections();
      setImmediate(() => server.closeAllConnections());
    });
    return closing;
  };

  const service: KinesisService = { name: 'kinesis', endpoint, port: actualPort, path, close };

  if (options.streams !== undefined && options.streams.length > 0) {
    const client = createLocalKinesisClient(endpoint, options.region);
    try {
      await createStreams(client, options.streams);
    } catch (err) {
      await close();
      throw err;
    } finally {
      client.destroy();
    }
  }
  return service;
}
