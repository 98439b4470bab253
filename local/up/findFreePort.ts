import { createServer } from 'node:net';

/**
 * A port that is free right now on `host` (the OS picks it). Another process may take it before
 * it is used, so a listener must still handle a port in use.
 *
 * @default host '127.0.0.1'
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Whether `port` can be bound on `host` now: `undefined` when free, else the error code
 * (`EADDRINUSE`, `EACCES`, ...).
 */
export function probePort(port: number, host = '127.0.0.1'): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
