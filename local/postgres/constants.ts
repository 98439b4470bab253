/** Fixed settings of the local PostgreSQL service. */

/** The superuser `initdb` creates and clients log in as. */
export const POSTGRES_USER = 'postgres';

/** The application database created on first start. */
export const POSTGRES_DATABASE = 'snowline';

/**
 * Server settings: logical decoding for the replicator (as on RDS with
 * `rds.logical_replication = 1`), TCP only (no Unix socket in /tmp shared between users and
 * clusters).
 */
export const POSTGRES_SETTINGS: Readonly<Record<string, string>> = {
  wal_level: 'logical',
  max_replication_slots: '10',
  max_wal_senders: '10',
  unix_socket_directories: '',
};

/** Users PostgreSQL is run as when this process is root (PostgreSQL refuses to run as root). */
export const RUN_AS_CANDIDATES = ['postgres', 'nobody'] as const;

/** Timeouts, in milliseconds. */
export const POSTGRES_TIMEOUTS = {
  /** From spawn until the postmaster reports ready. */
  ready: 30_000,
  /** After SIGINT (fast shutdown), before SIGQUIT (immediate shutdown). */
  fastShutdown: 10_000,
  /** After SIGQUIT, before SIGKILL. */
  immediateShutdown: 5_000,
  /** After SIGKILL, before giving up. */
  kill: 3_000,
} as const;
