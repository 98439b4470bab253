/**
 * Types for the parts of kinesalite (a CommonJS package without its own types) that Snowline uses.
 *
 * @see https://github.com/mhart/kinesalite#usage
 */
declare module 'kinesalite' {
  import type { Server } from 'node:http';

  /** Options of `kinesalite(options)`; durations are the simulated latency of stream changes. */
  interface KinesaliteOptions {
    /** LevelDB directory; omitted means in memory. */
    path?: string;
    /** @default 500 */
    createStreamMs?: number;
    /** @default 500 */
    deleteStreamMs?: number;
    /** @default 500 */
    updateStreamMs?: number;
    /** Open shards allowed across all streams. @default 10 */
    shardLimit?: number;
    /** Serve HTTPS with kinesalite's bundled self-signed certificate. */
    ssl?: boolean;
  }

  /** Creates an HTTP server that speaks the Kinesis API; call `listen(port)` on it. */
  function kinesalite(options?: KinesaliteOptions): Server;
  export default kinesalite;
}
