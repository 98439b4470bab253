/**
 * A model the local model server can serve: the contract between the server and whatever
 * predicts (the placeholder today, the trained XGBoost model later).
 *
 * @example
 * ```ts
 * const model: Model = {
 *   name: 'churn', version: '2026-01-01', featureNames: ['views_1h', 'carts_1h'],
 *   predict: (rows) => rows.map(([views = 0]) => Math.min(1, views / 100)),
 * };
 * ```
 */
export interface Model {
  /** The model's name, e.g. `churn-xgboost`. */
  readonly name: string;
  /** Its version; a stand-in model says `placeholder` in it. */
  readonly version: string;
  /** The features each input row holds, in column order. */
  readonly featureNames: readonly string[];
  /**
   * One prediction per row, in row order. Rows arrive validated: each has exactly
   * `featureNames.length` finite numbers.
   */
  predict(rows: readonly (readonly number[])[]): readonly number[] | Promise<readonly number[]>;
}
