import type { Server } from 'node:http';

/**
 * Stops `server` and drops its open connections, resolving once the port is released.
 *
 * Keep-alive connections would otherwise hold `close()` open until they time out. Safe to call
 * twice and on a server that never listened.
 */
export const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
