import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** dynalite and kinesalite running in a child process. */
export interface ServicesChild {
  /** The child's dynalite endpoint. */
  readonly dynamodb: string;
  /** The child's kinesalite endpoint (with the bad-rows stream). */
  readonly kinesis: string;
  /** The child's Feature Store runtime endpoint, when it was asked for one. */
  readonly featurestore?: string;
  /** The child's pid. */
  readonly pid: number;
  /** Stops the child (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

const CHILD_SCRIPT = fileURLToPath(new URL('./servicesChild.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** Options of {@link startServicesChild}. */
export interface ServicesChildOptions {
  /** Start the Feature Store runtime too (online store in memory, FEATURE_GROUPS). @default false */
  readonly featureStore?: boolean;
  /**
   * Keep the services' data in this directory as `snowline up` does (on disk, the Feature Store's
   * offline files included), with the streams and tables `snowline up` creates.
   * @default - in memory, with the bad-rows stream only
   */
  readonly dataDir?: string;
}

/**
 * Starts dynalite and kinesalite (and, when asked, the Feature Store runtime) in a child Node process (`node --import tsx`), so that the
 * benchmark process's `process.cpuUsage()` counts the handler and its SDK clients only.
 * Resolves with the endpoints the child prints.
 *
 * @throws Error when the child exits or prints nothing usable within 30 s.
 * @example
 * const child = await startServicesChild();
 * try { ... } finally { await child.stop(); }
 */
export function startServicesChild(options: ServicesChildOptions = {}): Promise<ServicesChild> {
  const args = ['--import', 'tsx', CHILD_SCRIPT, ...(options.featureStore === true ? ['--featurestore'] : []), ...(options.dataDir === undefined ? [] : ['--data-dir', options.dataDir])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let exited = child.exitCode !== null;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (exited) return;
      child.stdin.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exit;
      clearTimeout(timer);
    })());

  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  return new Promise<ServicesChild>((resolve, reject) => {
    let stdout = '';
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`bench: the services child ${why}${stderr === '' ? '' : `: ${stderr.trim()}`}`)));
    };
    const timer = setTimeout(() => fail(`printed no endpoints within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.once('exit', (code) => fail(`exited with code ${code} before it was ready`));
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0 || settled) return;
      try {
        const { dynamodb, kinesis, featurestore } = JSON.parse(stdout.slice(0, newline)) as { dynamodb: string; kinesis: string; featurestore?: string };
        settled = true;
        clearTimeout(timer);
        resolve({ dynamodb, kinesis, ...(featurestore === undefined ? {} : { featurestore }), pid: child.pid!, stop });
      } catch {
        fail(`printed "${stdout.slice(0, newline)}" instead of its endpoints`);
      }
    });
  });
}
