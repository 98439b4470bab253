/** Defaults and fixed names of `snowline up`. */
import { MODEL_FEATURE_NAMES } from '../../lib/model/modelFeatures';

/** Where the local stack keeps its data when `--data-dir` is not given (ignored by git). */
export const DEFAULT_DATA_DIR = '.snowline';

/** The host every service listens on. */
export const DEFAULT_HOST = '127.0.0.1';

/** The region every local client signs for and every ARN names. */
export const LOCAL_STACK_REGION = 'us-east-1';

/** Demo traffic, in events per second, when `--demo-rate` is not given. */
export const DEFAULT_DEMO_RATE = 20;

/**
 * Each service's port: its default and the option that changes it. Ports sit together from 4567
 * (kinesalite's own default) so they are easy to remember; PostgreSQL takes 5433 to stay clear of
 * a system PostgreSQL on 5432.
 */
export const SERVICE_PORTS = {
  kinesis: { defaultPort: 4567, option: '--kinesis-port', label: 'Kinesis (kinesalite)' },
  dynamodb: { defaultPort: 4568, option: '--dynamodb-port', label: 'DynamoDB (dynalite)' },
  featurestore: { defaultPort: 4569, option: '--featurestore-port', label: 'the Feature Store runtime' },
  sagemaker: { defaultPort: 4570, option: '--sagemaker-port', label: 'the SageMaker runtime' },
  modelServer: { defaultPort: 4571, option: '--model-port', label: 'the model server' },
  postgres: { defaultPort: 5433, option: '--postgres-port', label: 'PostgreSQL' },
  http: { defaultPort: 3000, option: '--http-port', label: 'the HTTP API and dashboard' },
} as const;

/** A service that listens on a port of its own. */
export type PortName = keyof typeof SERVICE_PORTS;

/** Every {@link PortName}, in the order services are listed. */
export const PORT_NAMES = Object.keys(SERVICE_PORTS) as PortName[];

/**
 * The SageMaker endpoint the local runtime serves, with the placeholder model until the trained
 * one exists: a logistic function of the model's input columns.
 */
export const LOCAL_MODEL_ENDPOINT = {
  endpointName: 'snowline-propensity',
  /** The model's input columns, in order (lib/model), so the placeholder reads the vectors `/predict` sends. */
  featureNames: MODEL_FEATURE_NAMES,
} as const;

/**
 * What the stack keeps under the data dir. `--fresh` removes exactly these, never anything else a
 * user may have put there.
 */
export const DATA_DIR_LAYOUT = {
  kinesis: 'kinesis',
  dynamodb: 'dynamodb',
  postgres: 'postgres',
  featurestore: 'featurestore',
  esm: 'esm',
  lake: 'lake',
  /** The DMS files (personal values in clear), outside the lake; only the lake merge reads them. */
  landing: 'landing',
  /** The events archiver's staged events, not yet written to the lake. */
  archiver: 'archiver',
  /** The pseudonymisation key (lib/privacy), generated with mode 0600 on first use. */
  pseudonymisationKey: 'pseudonymisation.key',
  logs: 'logs',
  endpoints: 'endpoints.json',
  lock: 'snowline-up.pid',
} as const;
