import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_DEMO_RATE, DEFAULT_HOST, PORT_NAMES, SERVICE_PORTS, type PortName } from '../local/up/constants';
import { runUp } from '../local/up/runUp';
import { addDataDirOption, dataDirOf, type DataDirOption } from './dataDir';

/** The parsed options of `snowline up`. */
export interface UpOptions extends DataDirOption {
  readonly fresh: boolean;
  readonly demo: boolean;
  readonly demoRate: number;
  readonly host: string;
  /** False with `--no-api-key`: the HTTP API serves `/api/*` and `/predict*` without the key. */
  readonly apiKey: boolean;
  readonly kinesisPort: number;
  readonly dynamodbPort: number;
  readonly featurestorePort: number;
  readonly sagemakerPort: number;
  readonly modelPort: number;
  readonly postgresPort: number;
  readonly httpPort: number;
}

/** Parses a TCP port, or says what the flag expects. */
export const port = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new InvalidArgumentError(`expected a port from 0 to 65535 (0 picks a free one), got "${value}".`);
  return n;
};

/** Parses events per second for the demo, or says what the flag expects. */
export const eventsPerSecond = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0.1 || n > 5_000) {
    throw new InvalidArgumentError(`expected events per second from 0.1 to 5000, got "${value}".`);
  }
  return n;
};

/** The option key commander gives each service's port flag (`--model-port` is `modelPort`). */
const OPTION_KEYS: Readonly<Record<PortName, keyof UpOptions>> = {
  kinesis: 'kinesisPort',
  dynamodb: 'dynamodbPort',
  featurestore: 'featurestorePort',
  sagemaker: 'sagemakerPort',
  modelServer: 'modelPort',
  postgres: 'postgresPort',
  http: 'httpPort',
};

/** `snowline up`: the whole local system in one process. */
export function registerUp(program: Command): void {
  const command = program
    .command('up')
    .description(
      'Start the whole local system in one process: Kinesis (kinesalite), DynamoDB (dynalite), PostgreSQL ' +
        '(wal_level=logical), the Feature Store and SageMaker runtimes, and the HTTP API. Creates the streams, tables ' +
        'and feature groups, prints every endpoint and writes them to <data-dir>/endpoints.json. The HTTP API requires ' +
        'the key in <data-dir>/api-key (x-api-key header; the printed dashboard link carries it). Ctrl-C stops it all.',
    )
    .option('--fresh', 'start empty: remove what the stack keeps in the data dir first', false)
    .option('--demo', 'also send a steady stream of generated shop traffic into the enriched stream', false)
    .option('--demo-rate <events-per-second>', 'demo traffic, in events per second', eventsPerSecond, DEFAULT_DEMO_RATE)
    .option('--host <host>', 'the address every service listens on', DEFAULT_HOST)
    .option('--no-api-key', 'serve /api/* and /predict* without the key in <data-dir>/api-key (anyone who reaches the port may call them)');
  for (const name of PORT_NAMES) {
    const { option, defaultPort, label } = SERVICE_PORTS[name];
    command.option(`${option} <port>`, `port of ${label} (0 picks a free one)`, port, defaultPort);
  }
  addDataDirOption(command).action(async (options: UpOptions) => {
    const ports = Object.fromEntries(PORT_NAMES.map((name) => [name, options[OPTION_KEYS[name]] as number])) as Record<PortName, number>;
    let code: number;
    try {
      code = await runUp({
        dataDir: dataDirOf(options),
        fresh: options.fresh,
        demo: options.demo,
        demoRate: options.demoRate,
        host: options.host,
        requireApiKey: options.apiKey,
        ports,
        log: () => undefined,
      });
    } catch (error) {
      process.stderr.write(`snowline up: ${error instanceof Error ? error.message : String(error)}\n`);
      code = 1;
    }
    // SDK clients and timers may keep the event loop alive; everything has been stopped.
    process.exit(code);
  });
}
