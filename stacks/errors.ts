/**
 * Errors the CDK app throws while building stacks, before anything reaches CloudFormation.
 *
 * Each names the construct, the prop and the value that arrived, so a bad configuration fails at
 * `cdk synth` with a message that says what to change.
 */

/** Base class of every error the Snowline CDK app throws for bad configuration. */
export class SnowlineStackError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'SnowlineStackError';
  }
}

/** What an {@link InvalidPropError} knows about the prop that failed. */
export interface InvalidPropDetails {
  /** Construct path of the stack or construct whose props were rejected, e.g. `Snowline-dev-Stream`. */
  readonly scopePath: string;
  /** The prop, as a dotted path from the props object, e.g. `enrichedStream.retentionHours`. */
  readonly prop: string;
  /** The value that arrived. */
  readonly value: unknown;
  /** What a valid value looks like, e.g. `an integer from 24 to 8760 (hours)`. */
  readonly expected: string;
}

/**
 * A construct or stack prop outside its valid range.
 *
 * @example
 * ```ts
 * // Snowline-dev-Stream: invalid enrichedStream.retentionHours: expected an integer from 24 to 8760 (hours), got 10
 * ```
 */
export class InvalidPropError extends SnowlineStackError {
  /** Construct path of the stack or construct whose props were rejected. */
  readonly scopePath: string;
  /** The prop, as a dotted path from the props object. */
  readonly prop: string;
  /** The value that arrived. */
  readonly value: unknown;
  /** What a valid value looks like. */
  readonly expected: string;

  constructor(details: InvalidPropDetails, options?: { readonly cause?: unknown }) {
    super(
      `${details.scopePath || '<root>'}: invalid ${details.prop}: expected ${details.expected}, got ${describeValue(details.value)}`,
      options,
    );
    this.name = 'InvalidPropError';
    this.scopePath = details.scopePath;
    this.prop = details.prop;
    this.value = details.value;
    this.expected = details.expected;
  }
}

/** The `-c env=NAME` context names no environment declared in `stacks/environments.ts`. */
export class UnknownEnvironmentError extends SnowlineStackError {
  /** The name that arrived. */
  readonly environment: unknown;
  /** The names that exist. */
  readonly known: readonly string[];

  constructor(environment: unknown, known: readonly string[], options?: { readonly cause?: unknown }) {
    super(
      `unknown environment ${describeValue(environment)} in context "env": expected one of ${known.join(', ')}`,
      options,
    );
    this.name = 'UnknownEnvironmentError';
    this.environment = environment;
    this.known = known;
  }
}

/** What an {@link EnvironmentConfigError} knows about the field that failed. */
export interface EnvironmentConfigDetails {
  /** The environment, e.g. `prod`. */
  readonly environment: string;
  /** The field, as a dotted path in the environment, e.g. `enrichedStream.retentionHours`. */
  readonly field: string;
  /** What a valid value looks like. */
  readonly expected: string;
  /** The value that arrived. */
  readonly value: unknown;
}

/**
 * A field of an environment in `stacks/environments.ts` (or a context override of it) is invalid.
 *
 * @example
 * ```ts
 * // environment "prod": invalid enrichedStream.retentionHours: expected an integer from 24 to 8760 (hours), got 10
 * ```
 */
export class EnvironmentConfigError extends SnowlineStackError {
  /** The environment. */
  readonly environment: string;
  /** The field, as a dotted path. */
  readonly field: string;
  /** What a valid value looks like. */
  readonly expected: string;
  /** The value that arrived. */
  readonly value: unknown;

  constructor(details: EnvironmentConfigDetails, options?: { readonly cause?: unknown }) {
    super(
      `environment "${details.environment}": invalid ${details.field}: expected ${details.expected}, got ${describeValue(details.value)}`,
      options,
    );
    this.name = 'EnvironmentConfigError';
    this.environment = details.environment;
    this.field = details.field;
    this.expected = details.expected;
    this.value = details.value;
  }
}

/** Renders a value for an error message: strings quoted, so `""` and `"10"` are visible as such. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
