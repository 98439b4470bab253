import { ENRICHED_STREAM } from '../../stacks/config';
import { startDemoTraffic } from '../demo/startDemoTraffic';
import type { DemoTraffic } from '../demo/types';
import { DEFAULT_DEMO_RATE } from './constants';
import { formatShutdown, formatStartup } from './formatStartup';
import { startStack } from './startStack';
import type { LocalStack, StartStackOptions } from './types';

/** Options of {@link runUp}: the stack's, plus the demo traffic and where output goes. */
export interface RunUpOptions extends StartStackOptions {
  /** Also put generated traffic into the enriched stream. @default false */
  readonly demo?: boolean;
  /** Demo events per second. @default 20 */
  readonly demoRate?: number;
  /** Standard output. @default process.stdout */
  readonly write?: (text: string) => void;
}

/** The signals that stop `snowline up` in order. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * `snowline up`: starts the stack, prints its endpoints, optionally starts demo traffic, and
 * runs until SIGINT, SIGTERM or SIGHUP; then stops the demo, the consumers and every service in
 * order (PostgreSQL last) and resolves with the exit code: 0 when everything stopped, 1 when
 * something did not. A second signal forces the exit at once (PostgreSQL is still sent a fast
 * shutdown on the way out). A signal during startup stops the stack as soon as it is up.
 *
 * @throws what {@link startStack} throws; nothing is left running then.
 */
export async function runUp(options: RunUpOptions = {}): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  let signalled: ((signal: NodeJS.Signals) => void) | undefined;
  let received: NodeJS.Signals | undefined;
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received !== undefined) {
      write(`snowline up: ${signal} again, exiting without waiting\n`);
      process.exit(130);
    }
    received = signal;
    write(`\nsnowline up: ${signal}, stopping (press Ctrl-C again to force)\n`);
    signalled!(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    const stack: LocalStack = await startStack(options);
    write(formatStartup(stack, { sinceLaunchMs: Math.round(process.uptime() * 1000) }));
    let demo: DemoTraffic | undefined;
    try {
      if (options.demo === true && received === undefined) {
        const rate = options.demoRate ?? DEFAULT_DEMO_RATE;
        demo = await startDemoTraffic({
          kinesis: stack.endpoints.kinesis,
          streamName: ENRICHED_STREAM.streamName,
          rate,
          log: (line) => write(`${line}\n`),
          heartbeatDetail: () => stack.consumerStats().map((c) => `${c.name} read ${c.recordsProcessed.toLocaleString('en-US')}`).join(', '),
        });
        write(`demo: sending about ${rate} events/s into ${ENRICHED_STREAM.streamName}; a heartbeat every 10 s\n`);
      }
      if (received === undefined) write('Ctrl-C stops everything.\n');
    } catch (error) {
      write(`snowline up: demo traffic did not start: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    await stopRequested;
    const began = performance.now();
    const demoStats = await demo?.stop();
    if (demoStats !== undefined) write(`demo: ${demoStats.sent.toLocaleString('en-US')} events sent in all\n`);
    const timings = await stack.close();
    write(formatShutdown(timings, performance.now() - began));
    return timings.some((t) => t.error !== undefined) ? 1 : 0;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}
