import { LOG_LOSS_EPSILON } from './constants';
import type { ModelMetrics } from './metadata';

/**
 * The area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counted half (the Mann-Whitney statistic over average ranks). NaN when one
 * class is absent.
 *
 * @example
 * ```ts
 * auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * ```
 */
export function auc(labels: readonly number[], scores: readonly number[]): number {
  if (labels.length !== scores.length) throw new RangeError(`auc: ${labels.length} labels but ${scores.length} scores`);
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * The mean negative log likelihood of 0/1 labels under predicted probabilities, each clipped to
 * [1e-15, 1 − 1e-15] (as scikit-learn does).
 *
 * @example
 * ```ts
 * logLoss([1, 0], [0.9, 0.2]); // 0.164252...
 * ```
 */
export function logLoss(labels: readonly number[], probabilities: readonly number[]): number {
  if (labels.length !== probabilities.length) throw new RangeError(`logLoss: ${labels.length} labels but ${probabilities.length} probabilities`);
  if (labels.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, probabilities[i]!));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

/** AUC and log loss of one model's predictions. */
export const evaluate = (labels: readonly number[], probabilities: readonly number[]): ModelMetrics => ({
  auc: auc(labels, probabilities),
  logLoss: logLoss(labels, probabilities),
});
