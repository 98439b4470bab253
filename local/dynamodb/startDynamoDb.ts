import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { closeServer } from '../http/closeServer';
import { listen } from '../http/listen';
import { createLocalDynamoDbClient } from './createLocalDynamoDbClient';
import { createTables } from './createTables';
import type { DynamoDbService, StartDynamoDbOptions } from './types';

/**
 * Starts dynalite as a {@link DynamoDbService}: in memory when `dataDir` is omitted, otherwise in
 * LevelDB under `<dataDir>/dynamodb`, so tables and items survive a restart. Tables are created
 * with no simulated latency unless asked for.
 *
 * Closing waits for dynalite's pending writes and closes its LevelDB before the port is free.
 *
 * @throws PortInUseError when the port is taken.
 * @example
 * const dynamodb = await startDynamoDb({ tables: TABLES });
 * // ... point DynamoDBClient at dynamodb.endpoint ...
 * await dynamodb.close();
 */
export async function startDynamoDb(options: StartDynamoDbOptions = {}): Promise<DynamoDbService> {
  const path = options.dataDir === undefined ? undefined : join(options.dataDir, 'dynamodb');
  if (path !== undefined) await mkdir(path, { recursive: true });

  const server = dynalite({
    ...(path === undefined ? {} : { path }),
    createTableMs: options.createTableMs ?? 0,
    deleteTableMs: options.deleteTableMs ?? 0,
    updateTableMs: options.updateTableMs ?? 0,
  });
  const { port, url } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');

  let closing: Promise<void> | undefined;
  // dynalite's own close() stops the server, then closes its LevelDB; keep-alive sockets of SDK
  // clients would hold the server open, so closeServer drops them.
  const close = (): Promise<void> => (closing ??= closeServer(server));
  const service: DynamoDbService = { name: 'dynamodb', endpoint: url, port, path, close };

  if (options.tables !== undefined && options.tables.length > 0) {
    const client = createLocalDynamoDbClient(url, options.region);
    try {
      await createTables(client, options.tables);
    } catch (err) {
      await close();
      throw err;
    } finally {
      client.destroy();
    }
  }
  return service;
}
