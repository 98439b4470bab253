import { FeatureOrderMismatchError } from './errors';
import { MODEL_FEATURE_NAMES } from './modelFeatures';

/**
 * Checks that a model's feature list (its metadata's `featureNames`) is exactly
 * {@link MODEL_FEATURE_NAMES}, so a vector built here means what the model learned.
 *
 * @throws FeatureOrderMismatchError naming the model and the first column that differs.
 */
export function checkFeatureNames(model: string, featureNames: readonly string[], expected: readonly string[] = MODEL_FEATURE_NAMES): void {
  const length = Math.max(featureNames.length, expected.length);
  for (let index = 0; index < length; index++) {
    if (featureNames[index] !== expected[index]) {
      throw new FeatureOrderMismatchError(model, index, featureNames[index], expected[index]);
    }
  }
}
