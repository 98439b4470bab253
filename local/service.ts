/**
 * A local stand-in for an AWS service, started by `snowline up` and by integration tests.
 *
 * Every local service follows this shape, so the orchestrator can start, list and stop them
 * the same way whatever protocol they speak.
 */
export interface LocalService {
  /** A short name, also the key in `endpoints.json` (`kinesis`, `dynamodb`, `featurestore`, ...). */
  readonly name: string;
  /** The endpoint an AWS SDK client (or `pg`) is pointed at, e.g. `http://127.0.0.1:4567`. */
  readonly endpoint: string;
  /** Stops the service and releases its port and files; safe to call twice. */
  close(): Promise<void>;
}

/** Options every local service accepts. */
export interface LocalServiceOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Host to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Directory for persistent state; omitted means in memory (tests). @default - in memory */
  readonly dataDir?: string;
}
