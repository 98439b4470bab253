import type { TrainingExample } from './types';

/**
 * The CSV `model/train.py` reads: a header (`label`, then the feature names), then one line per
 * example, label first, as SageMaker's built-in XGBoost takes CSV (label in the first column).
 */
export function toCsv(featureNames: readonly string[], examples: readonly TrainingExample[]): string {
  const lines = [['label', ...featureNames].join(',')];
  for (const example of examples) lines.push(`${example.label},${example.vector.map((v) => (Number.isNaN(v) ? '' : String(v))).join(',')}`);
  return lines.join('\n') + '\n';
}
