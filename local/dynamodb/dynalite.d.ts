/**
 * Types for the parts of dynalite (a CommonJS package without its own types) that Snowline uses.
 *
 * @see https://github.com/architect/dynalite#usage
 */
declare module 'dynalite' {
  import type { Server } from 'node:http';

  /** Options of `dynalite(options)`; durations are the simulated latency of table changes. */
  interface DynaliteOptions {
    /** LevelDB directory; omitted means in memory. */
    path?: string;
    /** @default 500 */
    createTableMs?: number;
    /** @default 500 */
    deleteTableMs?: number;
    /** @default 500 */
    updateTableMs?: number;
    /** @default 400 */
    maxItemSizeKb?: number;
    /** Serve HTTPS with dynalite's bundled self-signed certificate. */
    ssl?: boolean;
  }

  /** Creates an HTTP server that speaks the DynamoDB API; call `listen(port)` on it. */
  function dynalite(options?: DynaliteOptions): Server;
  export default dynalite;
}
