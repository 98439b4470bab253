import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { readEndpoints, type Endpoints, type PortName } from '../../local/up';
import { SERVICE_PORTS } from '../../local/up/constants';

/** A `snowline up` running in a child process. */
export interface StackChild {
  readonly pid: number;
  readonly endpoints: Endpoints;
  /** From the spawn until `endpoints.json` named this process, in ms. */
  readonly readyMs: number;
  /** Kills the process with SIGKILL (PostgreSQL, its own process, is left behind as after a crash) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Stops it the way Ctrl-C does (SIGTERM: everything in order, PostgreSQL included), SIGKILL after 60 s; safe to call twice. */
  stop(): Promise<void>;
  /** Whether the process has exited. */
  exited(): boolean;
}

/** Options of {@link startStackChild}. */
export interface StackChildOptions {
  readonly dataDir: string;
  /** Pass `--fresh` (start empty). */
  readonly fresh: boolean;
  /** A port for every service, the same on each start so clients outlive a restart. */
  readonly ports: Readonly<Record<PortName, number>>;
  /** Where the child's stdout and stderr go (appended). */
  readonly logFile: string;
}

const SNOWLINE = fileURLToPath(new URL('../../bin/snowline.mjs', import.meta.url));
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 60_000;

/** The last lines of the child's log, for an error message. */
async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-8).join('\n');
}

/**
 * Starts the real `snowline up` (bin/snowline.mjs, the command `npm start` runs, without demo
 * traffic) in a child process on `dataDir` and the given ports, and resolves once its
 * `endpoints.json` names the child's pid: the stack writes it last, when every service and
 * consumer is up.
 *
 * @throws Error when the child exits first or is not ready within 90 s, with the end of its log.
 */
export async function startStackChild(options: StackChildOptions): Promise<StackChild> {
  const log = await open(options.logFile, 'a');
  const portFlags = Object.entries(options.ports).flatMap(([name, port]) => [SERVICE_PORTS[name as PortName].option, String(port)]);
  const args = [SNOWLINE, 'up', '--data-dir', options.dataDir, ...(options.fresh ? ['--fresh'] : []), ...portFlags];
  const began = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', log.fd, log.fd] });
  await log.close();
  let exitCode: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code, signal) => ((exitCode = code ?? (signal === null ? null : -1)), resolve())));
  const pid = child.pid!;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exit;
      clearTimeout(timer);
    })());
  const kill = async (): Promise<void> => {
    if (exitCode === undefined) child.kill('SIGKILL');
    await exit;
  };

  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`soak: snowline up exited with code ${exitCode} before it was ready:\n${await tail(options.logFile)}`);
    const endpoints = await readEndpoints(options.dataDir).catch(() => undefined);
    if (endpoints?.pid === pid) {
      return { pid, endpoints, readyMs: Math.round(performance.now() - began), kill, stop, exited: () => exitCode !== undefined };
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`soak: snowline up was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${await tail(options.logFile)}`);
    }
    await sleep(100);
  }
}

/** Where {@link startStackChild} writes the child's output by default: beside the stack's own files. */
export const stackLogFile = (dataDir: string): string => join(dataDir, 'soak-stack.log');
