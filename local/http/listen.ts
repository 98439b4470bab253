import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListenError, PortInUseError } from './errors';

/** Where a server ended up listening. */
export interface ListeningAddress {
  /** The bound port (the real one when 0 was asked for). */
  readonly port: number;
  /** The host it is bound on. */
  readonly host: string;
  /** `http://host:port`, with IPv6 hosts in brackets. */
  readonly url: string;
}

/**
 * Starts `server` listening and resolves once it is bound.
 *
 * A port that is taken rejects with {@link PortInUseError} naming the port, so callers can tell
 * the user which option to change instead of printing `EADDRINUSE`.
 *
 * @param port - 0 picks a free port. @default 0
 * @param host - @default '127.0.0.1'
 * @example
 * ```ts
 * const { url } = await listen(createServer(handler), 0);
 * ```
 */
export const listen = (server: Server, port = 0, host = '127.0.0.1'): Promise<ListeningAddress> =>
  new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new PortInUseError(port, host, { cause: error }));
      else reject(new ListenError(port, host, error.code ?? error.message, { cause: error }));
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${host}]` : host;
      resolve({ port: address.port, host, url: `http://${shown}:${address.port}` });
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
