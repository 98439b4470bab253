/**
 * Checks that constructs run on their props in the constructor, so a bad value fails at once with
 * the prop's name rather than later as an opaque CloudFormation error.
 *
 * Every check lets unresolved tokens through: their value is only known at deploy time.
 */
import { Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { InvalidPropError } from './errors';

/** The integers a numeric prop accepts. */
export interface IntegerRange {
  /** Smallest valid value. */
  readonly min: number;
  /** Largest valid value. @default - no upper bound */
  readonly max?: number;
  /** Values valid outside `min`-`max`, such as Lambda's `-1` for "infinite". @default - none */
  readonly also?: readonly number[];
  /** Unit named in the error message, e.g. `hours`. @default - none */
  readonly unit?: string;
}

/**
 * Throws {@link InvalidPropError} unless `value` is an integer in `range` (or one of `range.also`).
 *
 * @param scope the construct whose props these are; its path opens the message
 * @param prop dotted path of the prop, e.g. `enrichedStream.retentionHours`
 */
export function checkInteger(scope: IConstruct, prop: string, value: unknown, range: IntegerRange): void {
  if (Token.isUnresolved(value)) return;
  const valid =
    typeof value === 'number' &&
    Number.isInteger(value) &&
    ((value >= range.min && (range.max === undefined || value <= range.max)) ||
      (range.also ?? []).includes(value));
  if (!valid) throw invalid(scope, prop, value, describeRange(range));
}

/** Throws {@link InvalidPropError} unless `value` is `true` or `false`. */
export function checkBoolean(scope: IConstruct, prop: string, value: unknown): void {
  if (typeof value !== 'boolean') throw invalid(scope, prop, value, 'true or false');
}

/** Throws {@link InvalidPropError} unless `value` is one of `allowed`. */
export function checkOneOf<T extends string | number>(
  scope: IConstruct,
  prop: string,
  value: unknown,
  allowed: readonly T[],
): asserts value is T {
  if (Token.isUnresolved(value)) return;
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw invalid(scope, prop, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
}

/** Throws {@link InvalidPropError} unless `value` is a string matching `pattern`. */
export function checkPattern(
  scope: IConstruct,
  prop: string,
  value: unknown,
  pattern: RegExp,
  expected: string,
): void {
  if (Token.isUnresolved(value)) return;
  if (typeof value !== 'string' || !pattern.test(value)) throw invalid(scope, prop, value, expected);
}

/** An S3 key prefix: `[a-zA-Z0-9!_.*'()-]` segments separated by `/`, no leading or trailing `/`. */
const S3_PREFIX = /^[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$/;

/** Throws {@link InvalidPropError} unless `value` is an S3 key prefix (safe characters, no leading or trailing `/`). */
export function checkS3Prefix(scope: IConstruct, prop: string, value: unknown): void {
  checkPattern(scope, prop, value, S3_PREFIX, "an S3 key prefix of [a-zA-Z0-9!_.*'()-] segments separated by \"/\", without a leading or trailing \"/\"");
}

/** Builds the error every check throws, naming the construct, the prop and the value. */
export function invalid(scope: IConstruct, prop: string, value: unknown, expected: string): InvalidPropError {
  return new InvalidPropError({ scopePath: scope.node.path, prop, value, expected });
}

function describeRange(range: IntegerRange): string {
  const span =
    range.max === undefined ? `an integer >= ${range.min}` : `an integer from ${range.min} to ${range.max}`;
  const also = range.also?.length ? `${range.also.join(' or ')} or ` : '';
  return `${also}${span}${range.unit ? ` (${range.unit})` : ''}`;
}
