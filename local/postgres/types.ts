/** Types of the local PostgreSQL service. */
import type { LocalService, LocalServiceOptions } from '../service';
import type { StaleOutcome } from './stopStalePostgres';

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions extends LocalServiceOptions {
  /**
   * Where the server's output goes.
   * @default `<dataDir>/logs/postgres.log`, or a file in the temporary cluster directory
   */
  readonly logFile?: string;
  /** Server settings added to (or overriding) `POSTGRES_SETTINGS`, as `-c name=value`. @default - none */
  readonly settings?: Readonly<Record<string, string>>;
  /** How long to wait for the server to accept connections, in ms. @default 30000 */
  readonly readyTimeoutMs?: number;
}

/** A running PostgreSQL. `endpoint` is a connection string for `pg`, database `snowline`. */
export interface PostgresService extends LocalService {
  /** Always `'postgres'`. */
  readonly name: 'postgres';
  /** The port it listens on. */
  readonly port: number;
  /** The postmaster's process id. */
  readonly pid: number;
  /** The cluster directory (PGDATA). */
  readonly pgdata: string;
  /** The server's log file. */
  readonly logFile: string;
  /** The superuser and the application database the endpoint names. */
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** Whether this start ran initdb (a new cluster), and how long initdb took in ms (0 when not). */
  readonly initialised: boolean;
  readonly initdbMs: number;
  /** What was found of the previous run: a clean stop, a stale lock file, or a leftover server. */
  readonly previousRun: StaleOutcome;
}
