import { spawn, type ChildProcess } from 'node:child_process';
import type { RunAsUser } from './resolveRunAsUser';

/** Options of {@link spawnLogged}. */
export interface SpawnLoggedOptions {
  /** An open file descriptor that receives the program's stdout and stderr. */
  readonly logFd: number;
  /** Run as this user (when this process is root). @default - the current user */
  readonly runAs?: RunAsUser;
  /** Start in its own process group, so a Ctrl-C at the terminal reaches only this process, which stops it in order. @default false */
  readonly detached?: boolean;
}

/**
 * Spawns a PostgreSQL program with its output going straight to a log file, not through this
 * process: the console stays readable, and a server outliving a killed parent still has
 * somewhere to write.
 */
export function spawnLogged(program: string, args: readonly string[], options: SpawnLoggedOptions): ChildProcess {
  return spawn(program, args, {
    stdio: ['ignore', options.logFd, options.logFd],
    detached: options.detached ?? false,
    // Messages in English, so the log can be searched for known phrases whatever the user's locale.
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    ...(options.runAs === undefined ? {} : { uid: options.runAs.uid, gid: options.runAs.gid }),
  });
}

/** Resolves with the exit code (or the signal name) once `child` has exited. */
export function exited(child: ChildProcess): Promise<number | NodeJS.Signals> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 1));
  });
}
