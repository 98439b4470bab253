import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import kinesalite from 'kinesalite';
import { createStreams } from './createStreams';
import { createLocalKinesisClient } from './createLocalKinesisClient';
import { KinesisStartError } from './errors';
import type { KinesisService, StartKinesisOptions } from './types';

/** How long close() waits for requests in flight before closing the database anyway. */
const DRAIN_TIMEOUT_MS = 5_000;

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

  // kinesalite closes its LevelDB under requests still being served, and LevelDB then throws
  // outside any callback. So requests are counted, refused once closing, and drained first.
  let closingNow = false;
  let inFlight = 0;
  const [handle] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (closingNow) {
      res.writeHead(503, { Connection: 'close' }).end();
      return;
    }
    // Counted until kinesalite answers, even if the client has gone (an aborted GetRecords
    // is still reading the database).
    inFlight++;
    let answered = false;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      if (!answered) {
        answered = true;
        inFlight--;
      }
      return end(...args);
    }) as typeof res.end;
    handle!.call(server, req, res);
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      closingNow = true;
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets of SDK clients would hold the server open.
        server.closeAllConnections();
      });
    })();
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
