/**
 * The deployment environments (dev, staging, prod), chosen with `cdk synth -c env=NAME` (default
 * `dev`): where each deploys, its stream capacity and retention, its event source settings and its
 * alarm thresholds, in one typed file validated by {@link ENVIRONMENT_SCHEMA}.
 *
 * The accounts are placeholders: put your own account ids here (or pass `-c account=...`) before
 * `cdk deploy`. Synth needs no account, since no stack looks anything up. Pure data and zod: the
 * CDK props are built from a resolved environment in `environment-props.ts`.
 */
import type { IConstruct } from 'constructs';
import { z } from 'zod';
import { EnvironmentConfigError, UnknownEnvironmentError } from './errors';

/** An integer in a range, with the words an error shows when a value is not one. */
function integer(min: number, max: number | undefined, unit: string) {
  const expected = max === undefined ? `an integer >= ${min} (${unit})` : `an integer from ${min} to ${max} (${unit})`;
  return z.custom<number>(
    (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && (max === undefined || value <= max),
    { error: expected },
  );
}

/** A string matching a pattern, with the words an error shows when a value does not. */
function matching(pattern: RegExp, expected: string) {
  return z.custom<string>((value) => typeof value === 'string' && pattern.test(value), { error: expected });
}

/** A stream's capacity: on-demand, or a provisioned shard count. */
const CAPACITY = z.custom<number | 'on-demand'>(
  (value) => value === 'on-demand' || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10_000),
  { error: '"on-demand" or an integer from 1 to 10000 (shards)' },
);

/** One stream's sizing in an environment. */
const STREAM_SIZING = z.strictObject({
  /** `'on-demand'` or a shard count. */
  capacity: CAPACITY,
  /** Hours Kinesis keeps a record. */
  retentionHours: integer(24, 8760, 'hours'),
});

/** What an environment may change in the event source mapping of every stream consumer. */
const EVENT_SOURCE = z.strictObject({
  batchSize: integer(1, 10_000, 'records'),
  maximumBatchingWindowInSeconds: integer(0, 300, 'seconds'),
  maximumRetryAttempts: z.custom<number>(
    (value) => value === -1 || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10_000),
    { error: '-1 (infinite) or an integer from 0 to 10000 (retries)' },
  ),
  maximumRecordAgeInSeconds: z.custom<number>(
    (value) => value === -1 || (typeof value === 'number' && Number.isInteger(value) && value >= 60 && value <= 604_800),
    { error: '-1 (infinite) or an integer from 60 to 604800 (seconds)' },
  ),
});

/** When an environment's alarms go off. */
const ALARMS = z.strictObject({
  /** A consumer's oldest record (Lambda's `IteratorAge` maximum) is older than this. */
  maxIteratorAgeSeconds: integer(1, 31_536_000, 'seconds'),
  /** A function's `Errors` sum over the period reaches this. */
  errors: integer(1, undefined, 'errors'),
  /** The period every alarm evaluates. */
  periodMinutes: integer(1, 1440, 'minutes'),
  /** Records the feature function failed to put into Feature Store over the period. */
  failedPutRecords: integer(1, undefined, 'records'),
  /** Bad rows per 100 events over the period (the observability wave's bad-row alarm). */
  badRowRatePercent: z.custom<number>(
    (value) => typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 100,
    { error: 'a number above 0 and at most 100 (percent of events)' },
  ),
  /** The inference answer's p99 latency (the inference stack's alarm). */
  endpointLatencyP99Millis: integer(1, 60_000, 'milliseconds'),
  /** Degraded predictions (answered without the model or the features), percent of predictions over the period. */
  degradedPredictionPercent: integer(1, 100, 'percent of predictions'),
});

/**
 * The schema every environment in {@link ENVIRONMENTS} (and every context override) must pass.
 * Objects are strict, so a misspelt field is an error rather than silently ignored.
 */
export const ENVIRONMENT_SCHEMA = z.strictObject({
  /** The AWS account id. */
  account: matching(/^\d{12}$/, 'a 12-digit AWS account id'),
  /** The AWS region. */
  region: matching(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region such as "eu-west-1"'),
  /** The enriched event stream. */
  enrichedStream: STREAM_SIZING,
  /** The bad-rows stream. */
  badRowsStream: STREAM_SIZING,
  /** Every stream consumer's event source mapping (the rest stays as in `DEFAULT_EVENT_SOURCE`). */
  eventSource: EVENT_SOURCE,
  /** Days a minute row of the reports lives before DynamoDB's TTL removes it. */
  minuteRowTtlDays: integer(1, 365, 'days'),
  /** When the alarms go off. */
  alarms: ALARMS,
});

/** One environment, as written in {@link ENVIRONMENTS}. */
export type EnvironmentDefinition = z.infer<typeof ENVIRONMENT_SCHEMA>;

/** The alarm thresholds of an environment. */
export type EnvironmentAlarms = EnvironmentDefinition['alarms'];

/** Every environment, by the name `-c env=` takes. Validated by {@link ENVIRONMENT_SCHEMA} when chosen. */
export const ENVIRONMENTS = {
  dev: {
    account: '111111111111',
    region: 'eu-west-1',
    enrichedStream: { capacity: 'on-demand', retentionHours: 24 },
    badRowsStream: { capacity: 'on-demand', retentionHours: 168 },
    eventSource: { batchSize: 500, maximumBatchingWindowInSeconds: 1, maximumRetryAttempts: 5, maximumRecordAgeInSeconds: 3600 },
    minuteRowTtlDays: 7,
    alarms: { maxIteratorAgeSeconds: 60, errors: 1, periodMinutes: 5, failedPutRecords: 1, badRowRatePercent: 5, endpointLatencyP99Millis: 500, degradedPredictionPercent: 10 },
  },
  staging: {
    account: '333333333333',
    region: 'eu-west-1',
    enrichedStream: { capacity: 2, retentionHours: 24 },
    badRowsStream: { capacity: 1, retentionHours: 168 },
    eventSource: { batchSize: 500, maximumBatchingWindowInSeconds: 1, maximumRetryAttempts: 5, maximumRecordAgeInSeconds: 3600 },
    minuteRowTtlDays: 7,
    alarms: { maxIteratorAgeSeconds: 60, errors: 1, periodMinutes: 5, failedPutRecords: 1, badRowRatePercent: 2, endpointLatencyP99Millis: 300, degradedPredictionPercent: 5 },
  },
  prod: {
    account: '222222222222',
    region: 'eu-west-1',
    enrichedStream: { capacity: 'on-demand', retentionHours: 168 },
    badRowsStream: { capacity: 'on-demand', retentionHours: 336 },
    eventSource: { batchSize: 500, maximumBatchingWindowInSeconds: 1, maximumRetryAttempts: 10, maximumRecordAgeInSeconds: 21_600 },
    minuteRowTtlDays: 30,
    alarms: { maxIteratorAgeSeconds: 60, errors: 1, periodMinutes: 5, failedPutRecords: 1, badRowRatePercent: 1, endpointLatencyP99Millis: 200, degradedPredictionPercent: 2 },
  },
} as const satisfies Readonly<Record<string, EnvironmentDefinition>>;

/** The name of a declared environment. */
export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** The schema of {@link PIPELINE}. */
export const PIPELINE_SCHEMA = z.strictObject({
  /** The tooling account the pipeline lives in (neither staging's nor prod's). */
  account: matching(/^\d{12}$/, 'a 12-digit AWS account id'),
  /** The pipeline's region. */
  region: matching(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region such as "eu-west-1"'),
  /** The CodeStar (CodeConnections) connection to the repository host, created once in the console. */
  connectionArn: matching(
    /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]{36}$/,
    'a CodeStar connection ARN such as "arn:aws:codestar-connections:eu-west-1:123456789012:connection/<uuid>"',
  ),
  /** The repository, `owner/name`. */
  repository: matching(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'a repository as "owner/name"'),
  /** The branch every push to which runs the pipeline. */
  branch: matching(/^[^\s]{1,255}$/, 'a branch name without spaces'),
  /** The environments it deploys, in order; a manual approval stands before the last. */
  stages: z.custom<readonly EnvironmentName[]>(
    (value) =>
      Array.isArray(value) && value.length >= 1 && value.every((name) => isEnvironmentName(name)) && new Set(value).size === value.length,
    { error: `distinct names of declared environments (${Object.keys(ENVIRONMENTS).join(', ')}), in deployment order` },
  ),
});

/** The CDK pipeline (`stacks/pipeline-stack.ts`), as validated by {@link PIPELINE_SCHEMA}. */
export type PipelineDefinition = z.infer<typeof PIPELINE_SCHEMA>;

/**
 * The CDK Pipelines pipeline: where it lives, its source, and the environments it deploys
 * (staging, then prod after a manual approval). Placeholders like the accounts above: put your
 * connection's ARN here.
 */
export const PIPELINE = {
  account: '444444444444',
  region: 'eu-west-1',
  connectionArn: 'arn:aws:codestar-connections:eu-west-1:444444444444:connection/00000000-0000-0000-0000-000000000000',
  repository: 'example/snowline',
  branch: 'main',
  stages: ['staging', 'prod'],
} as const satisfies PipelineDefinition;

/**
 * Validates the pipeline's definition.
 *
 * @throws EnvironmentConfigError naming `pipeline`, the first bad field and what it expects
 */
export function parsePipeline(definition: unknown): PipelineDefinition {
  const parsed = PIPELINE_SCHEMA.safeParse(definition);
  if (parsed.success) return parsed.data;
  throw configError('pipeline', definition, parsed.error.issues[0]!);
}

/** The context key that names the environment: `cdk synth -c env=prod`. */
export const ENVIRONMENT_CONTEXT_KEY = 'env';

/** Context keys that override a field of the chosen environment, e.g. `-c account=123456789012`. */
export const ENVIRONMENT_OVERRIDE_CONTEXT_KEYS = ['account', 'region'] as const;

/** The environment used when the context names none. */
export const DEFAULT_ENVIRONMENT: EnvironmentName = 'dev';

/** An environment chosen from the context, validated, with its name. */
export interface ResolvedEnvironment extends EnvironmentDefinition {
  /** Its name, as in `ENVIRONMENTS`. */
  readonly name: EnvironmentName;
}

/**
 * Validates one environment's definition.
 *
 * @param name the environment's name, quoted in the error
 * @param definition the definition, as written in the file (or with context overrides applied)
 * @throws EnvironmentConfigError naming the environment, the first bad field and what it expects
 * @example
 * ```ts
 * parseEnvironment('prod', { ...ENVIRONMENTS.prod, account: '42' });
 * // throws: environment "prod": invalid account: expected a 12-digit AWS account id, got "42"
 * ```
 */
export function parseEnvironment(name: EnvironmentName, definition: unknown): ResolvedEnvironment {
  const parsed = ENVIRONMENT_SCHEMA.safeParse(definition);
  if (parsed.success) return { name, ...parsed.data };
  throw configError(name, definition, parsed.error.issues[0]!);
}

/** The error for the first issue zod found in `definition`, naming the field and what it expects. */
function configError(environment: string, definition: unknown, issue: z.core.$ZodIssue): EnvironmentConfigError {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const field = [...path, issue.keys[0]!];
    return new EnvironmentConfigError({ environment, field: field.join('.'), expected: 'no such field (misspelt?)', value: valueAt(definition, field) });
  }
  const expected = issue.code === 'invalid_type' && issue.expected === 'object' ? 'an object' : issue.message;
  return new EnvironmentConfigError({ environment, field: path.join('.') || '<root>', expected, value: valueAt(definition, path) });
}

/**
 * The environment named by the `env` context of `scope` (usually the app), with the `account` and
 * `region` contexts applied over the file, validated.
 *
 * @throws UnknownEnvironmentError if the name is not a key of {@link ENVIRONMENTS}
 * @throws EnvironmentConfigError if a field (from the file or the context) is invalid
 */
export function environmentFromContext(scope: IConstruct): ResolvedEnvironment {
  const name: unknown = scope.node.tryGetContext(ENVIRONMENT_CONTEXT_KEY) ?? DEFAULT_ENVIRONMENT;
  if (!isEnvironmentName(name)) throw new UnknownEnvironmentError(name, Object.keys(ENVIRONMENTS));
  const overrides: Record<string, unknown> = {};
  for (const key of ENVIRONMENT_OVERRIDE_CONTEXT_KEYS) {
    const value: unknown = scope.node.tryGetContext(key);
    if (value !== undefined) overrides[key] = value;
  }
  return parseEnvironment(name, { ...ENVIRONMENTS[name], ...overrides });
}

/** Whether `name` is a declared environment (own keys only: `toString` is not one). */
export function isEnvironmentName(name: unknown): name is EnvironmentName {
  return typeof name === 'string' && Object.hasOwn(ENVIRONMENTS, name);
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
