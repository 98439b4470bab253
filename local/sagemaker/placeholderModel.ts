import type { Model } from './model';

/** Options of {@link createPlaceholderModel}. */
export interface PlaceholderModelOptions {
  /** The features each row holds, in column order. */
  readonly featureNames: readonly string[];
  /** One weight per feature. @default 1 / featureNames.length each (the logistic of the mean) */
  readonly weights?: readonly number[];
  /** Added before the logistic. @default 0 */
  readonly bias?: number;
  /** @default 'placeholder-logistic' */
  readonly name?: string;
}

/** The version every placeholder model reports, so nobody mistakes it for a trained one. */
export const PLACEHOLDER_VERSION = 'placeholder-1';

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * A stand-in model until the trained XGBoost model arrives: a fixed logistic function of the
 * inputs, `1 / (1 + e^-(bias + Σ weights[i] · row[i]))`, so every score is in (0, 1) and the
 * whole inference path (client → runtime → model server) is real.
 *
 * @example
 * ```ts
 * createPlaceholderModel({ featureNames: ['a', 'b'] }).predict([[0, 0], [2, 2]]); // [0.5, 0.8807970779778823]
 * ```
 */
export const createPlaceholderModel = (options: PlaceholderModelOptions): Model => {
  const { featureNames, bias = 0, name = 'placeholder-logistic' } = options;
  if (featureNames.length === 0) throw new RangeError('A placeholder model needs at least one feature name.');
  const weights = options.weights ?? featureNames.map(() => 1 / featureNames.length);
  if (weights.length !== featureNames.length) {
    throw new RangeError(`A placeholder model needs one weight per feature: ${featureNames.length} features, ${weights.length} weights.`);
  }
  return {
    name,
    version: PLACEHOLDER_VERSION,
    featureNames,
    predict: (rows) => rows.map((row) => logistic(row.reduce((sum, value, i) => sum + value * (weights[i] ?? 0), bias))),
  };
};
