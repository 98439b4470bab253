/**
 * The deployment environments, chosen with `cdk synth -c env=NAME` (default `dev`).
 *
 * The accounts are placeholders: put your own account ids here before `cdk deploy`. Synth needs
 * no account, since no stack looks anything up.
 */
import type { IConstruct } from 'constructs';
import { UnknownEnvironmentError } from './errors';

/** Where one environment deploys. */
export interface EnvironmentDefinition {
  /** The AWS account id, 12 digits. */
  readonly account: string;
  /** The AWS region, e.g. `eu-west-1`. */
  readonly region: string;
}

/** Every environment, by the name `-c env=` takes. */
export const ENVIRONMENTS = {
  dev: { account: '111111111111', region: 'eu-west-1' },
  prod: { account: '222222222222', region: 'eu-west-1' },
} as const satisfies Readonly<Record<string, EnvironmentDefinition>>;

/** The name of a declared environment. */
export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** The context key that names the environment: `cdk synth -c env=prod`. */
export const ENVIRONMENT_CONTEXT_KEY = 'env';

/** The environment used when the context names none. */
export const DEFAULT_ENVIRONMENT: EnvironmentName = 'dev';

/** An environment chosen from the context, with its name. */
export interface ResolvedEnvironment extends EnvironmentDefinition {
  /** Its name, as in `ENVIRONMENTS`. */
  readonly name: EnvironmentName;
}

/**
 * The environment named by the `env` context of `scope` (usually the app).
 *
 * @throws UnknownEnvironmentError if the name is not a key of {@link ENVIRONMENTS}
 */
export function environmentFromContext(scope: IConstruct): ResolvedEnvironment {
  const name: unknown = scope.node.tryGetContext(ENVIRONMENT_CONTEXT_KEY) ?? DEFAULT_ENVIRONMENT;
  if (!isEnvironmentName(name)) throw new UnknownEnvironmentError(name, Object.keys(ENVIRONMENTS));
  return { name, ...ENVIRONMENTS[name] };
}

function isEnvironmentName(name: unknown): name is EnvironmentName {
  return typeof name === 'string' && Object.hasOwn(ENVIRONMENTS, name);
}
