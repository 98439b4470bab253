import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RUN_AS_CANDIDATES } from './constants';
import { NoPostgresUserError } from './errors';

const run = promisify(execFile);

/** The unprivileged user PostgreSQL runs as when this process is root. */
export interface RunAsUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

async function lookup(name: string): Promise<RunAsUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. When this process is root (a container, CI), it runs as the
 * first existing user of `postgres`, `nobody`; no user is ever created. Otherwise it runs as
 * the current user and this resolves to `undefined`.
 *
 * @throws NoPostgresUserError when root and none of the candidates exists.
 */
export async function resolveRunAsUser(): Promise<RunAsUser | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  for (const name of RUN_AS_CANDIDATES) {
    const user = await lookup(name);
    if (user !== undefined && user.uid !== 0) return user;
  }
  throw new NoPostgresUserError(RUN_AS_CANDIDATES);
}
