import { KinesisClient } from '@aws-sdk/client-kinesis';
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_DATA_DIR, EndpointsNotFoundError, sdkClientConfig } from '../local/up';
import { BAD_ROWS_STREAM } from '../stacks/config';
import { addDataDirOption, dataDirOf, endpointsOf, type DataDirOption } from './dataDir';
import { NoLocalStackError } from './features/errors';
import { DEFAULT_REFRESH_MS, formatStatusJson, formatStatusTable, StatusSampler, type StatusSnapshot } from './status/index';

/** Options of `snowline status`. */
interface StatusOptions extends DataDirOption {
  readonly once?: boolean;
  readonly json?: boolean;
  readonly interval: number;
}

/** Clears the terminal and puts the cursor top left, so each refresh replaces the last. */
const CLEAR_SCREEN = '\u001b[H\u001b[2J';

const interval = (value: string): number => {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100 || ms > 60_000) throw new InvalidArgumentError(`expected milliseconds from 100 to 60000, got ${JSON.stringify(value)}.`);
  return ms;
};

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/**
 * `snowline status`: the running local stack's consumers, per shard: lag (records behind the
 * checkpoint, iterator age, ms behind latest), events/s, processed records, failed batches and the
 * on-failure destination's depth, and the bad rows on the bad-rows stream; refreshed every
 * `--interval` ms until Ctrl-C, or printed once with `--once` (two samples `--interval` apart, so
 * events/s is measured).
 */
async function status(options: StatusOptions): Promise<void> {
  const startCommand = options.dataDir === DEFAULT_DATA_DIR ? 'npm start' : `npx snowline up --data-dir ${options.dataDir}`;
  const endpoints = await endpointsOf(options).catch((error: unknown) => {
    throw error instanceof EndpointsNotFoundError ? new NoLocalStackError(options.dataDir, startCommand, { cause: error }) : error;
  });
  const kinesis = new KinesisClient({ ...sdkClientConfig(endpoints, 'kinesis'), maxAttempts: 1 });
  const sampler = new StatusSampler({
    http: endpoints.http,
    apiKey: endpoints.apiKey,
    dataDir: dataDirOf(options),
    startCommand,
    kinesis,
    badRowsStream: endpoints.streams.badRows ?? BAD_ROWS_STREAM.streamName,
  });
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const print = (snapshot: StatusSnapshot): void => {
    if (options.json === true) process.stdout.write(formatStatusJson(snapshot));
    else process.stdout.write(`${options.once !== true && process.stdout.isTTY ? CLEAR_SCREEN : ''}${formatStatusTable(snapshot)}`);
  };
  try {
    if (options.once === true) {
      await sampler.sample();
      await sleep(options.interval, stop.signal);
      print(await sampler.sample());
      return;
    }
    while (!stop.signal.aborted) {
      print(await sampler.sample());
      await sleep(options.interval, stop.signal);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    kinesis.destroy();
  }
}

/** `snowline status`: watch the running local stack's consumers. */
export function registerStatus(program: Command): void {
  addDataDirOption(
    program
      .command('status')
      .description(
        "Show the running local stack's consumers per shard: lag (records behind, iterator age), events/s, " +
          'failed batches, on-failure depth and bad rows, refreshing until Ctrl-C',
      )
      .option('--once', 'print one status (two samples --interval apart, for events/s) and exit')
      .option('--json', 'print JSON (one object per refresh) instead of a table')
      .option('--interval <ms>', 'refresh period in milliseconds (100-60000)', interval, DEFAULT_REFRESH_MS),
  ).action(status);
}
