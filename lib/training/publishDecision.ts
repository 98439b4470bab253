import type { ModelMetrics } from './metadata';

/**
 * Why a trained model must not be published, one sentence each; empty when it may be: XGBoost's
 * AUC on the evaluation part must reach `minAuc` and beat the logistic-regression baseline's.
 *
 * @example
 * ```ts
 * publishDecision({ auc: 0.65, logLoss: 0.3 }, { auc: 0.7, logLoss: 0.3 }, 0.7);
 * // ['XGBoost AUC 0.6500 is below the threshold 0.7000', 'XGBoost AUC 0.6500 does not beat the logistic baseline's 0.7000']
 * ```
 */
export function publishDecision(xgboost: ModelMetrics, logistic: ModelMetrics, minAuc: number): string[] {
  const reasons: string[] = [];
  const f = (x: number) => x.toFixed(4);
  if (!(xgboost.auc >= minAuc)) reasons.push(`XGBoost AUC ${f(xgboost.auc)} is below the threshold ${f(minAuc)}`);
  if (!(xgboost.auc > logistic.auc)) reasons.push(`XGBoost AUC ${f(xgboost.auc)} does not beat the logistic baseline's ${f(logistic.auc)}`);
  return reasons;
}
