import { MEDIA_TYPES, type ModelMediaType } from './constants';

/**
 * Writes predictions in the negotiated media type:
 * - `text/csv`: one prediction per line, in row order (`0.5\n0.88`);
 * - `application/json`: `{"predictions":[{"score":0.5},{"score":0.88}]}`, the shape SageMaker's
 *   built-in XGBoost container answers with.
 */
export const encodePredictions = (predictions: readonly number[], type: ModelMediaType): string =>
  type === MEDIA_TYPES.csv
    ? predictions.map(String).join('\n')
    : JSON.stringify({ predictions: predictions.map((score) => ({ score })) });
