import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TrafficOutcome, TrafficPlan } from './runFreshnessTraffic';

/** The producer and GetRecord pollers of the features freshness run, in a child process. */
export interface TrafficChild {
  /** The child's pid. */
  readonly pid: number;
  /**
   * Writes the plan to `planFile`, hands it to the child and resolves with what it saw and the
   * CPU (user + system, µs) the child spent on it. `onPutsDone` is called when the child says the
   * last PutRecords call was acknowledged. Call once.
   *
   * @throws Error when the child fails, exits or says nothing usable.
   */
  run(plan: TrafficPlan, planFile: string, onPutsDone?: (events: number) => void): Promise<{ readonly outcome: TrafficOutcome; readonly cpuMicros: number }>;
  /** Kills the child (SIGTERM) and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

const CHILD_SCRIPT = fileURLToPath(new URL('./trafficChild.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** One line the child prints (see trafficChild.ts). */
type Message = { ready: true } | { putsDone: number } | { outcome: TrafficOutcome; cpuMicros: number } | { error: string };

/**
 * Starts the traffic child (`node --import tsx bench/features/trafficChild.ts`) and resolves once
 * it has loaded, so the plan's start time can be set after the seconds a child takes to start.
 *
 * @throws Error when the child exits or says nothing within 30 s.
 */
export function startTrafficChild(): Promise<TrafficChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  const listeners = new Set<(message: Message) => void>();
  let failure: ((why: string) => void) | undefined;
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (let newline = stdout.indexOf('\n'); newline >= 0; newline = stdout.indexOf('\n')) {
      const line = stdout.slice(0, newline);
      stdout = stdout.slice(newline + 1);
      let message: Message;
      try {
        message = JSON.parse(line) as Message;
      } catch {
        failure?.(`printed "${line.slice(0, 200)}"`);
        continue;
      }
      for (const listener of listeners) listener(message);
    }
  });
  const why = (text: string): Error => new Error(`features bench: the traffic child ${text}${stderr === '' ? '' : `: ${stderr.trim()}`}`);
  child.once('exit', (code) => failure?.(`exited with code ${code}`));
  child.once('error', (error) => failure?.(`could not start (${error.message})`));
  const stop = async (): Promise<void> => {
    if (!exited) child.kill('SIGTERM');
    await exit;
  };

  return new Promise<TrafficChild>((resolve, reject) => {
    const timer = setTimeout(() => failure?.(`said nothing within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    failure = (text) => {
      clearTimeout(timer);
      failure = undefined;
      void stop().then(() => reject(why(text)));
    };
    const onReady = (message: Message): void => {
      if (!('ready' in message)) return;
      clearTimeout(timer);
      listeners.delete(onReady);
      failure = undefined;
      resolve({
        pid: child.pid!,
        stop,
        run: async (plan, planFile, onPutsDone) => {
          await writeFile(planFile, JSON.stringify(plan));
          return new Promise((done, fail) => {
            failure = (text) => fail(why(text));
            listeners.add((m) => {
              if ('putsDone' in m) onPutsDone?.(m.putsDone);
              else if ('error' in m) fail(why(`failed: ${m.error}`));
              else if ('outcome' in m) done({ outcome: m.outcome, cpuMicros: m.cpuMicros });
            });
            child.stdin.write(`${planFile}\n`);
          });
        },
      });
    };
    listeners.add(onReady);
  });
}
