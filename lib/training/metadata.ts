import { z } from 'zod';

/** AUC and log loss of one model on the evaluation (later) part. */
export const ModelMetricsSchema = z.object({
  /** Area under the ROC curve, ties counted half. */
  auc: z.number().min(0).max(1),
  /** Mean negative log likelihood, probabilities clipped to [1e-15, 1 - 1e-15]. */
  logLoss: z.number().nonnegative(),
});

/** The metrics of a model. */
export type ModelMetrics = z.infer<typeof ModelMetricsSchema>;

/**
 * `metadata.json`, published beside `model.json`: what the model is, the columns it reads in
 * order, what it was trained on and how well it did.
 *
 * @example
 * ```json
 * { "name": "propensity-xgb", "version": "propensity-xgb-20261122T050000Z-1a2b3c4", "format": "xgboost-json",
 *   "objective": "binary:logistic", "label": "order within 30 minutes of a page view",
 *   "featureNames": ["page_views_5m", "..."], "trainingWindow": { "from": "...", "to": "...", "splitAt": "..." },
 *   "rows": { "train": 8000, "test": 2000 }, "labelRate": { "train": 0.12, "test": 0.11 },
 *   "metrics": { "xgboost": { "auc": 0.91, "logLoss": 0.22 }, "logistic": { "auc": 0.85, "logLoss": 0.27 } },
 *   "threshold": { "minAuc": 0.7 }, "source": "generated", "seed": 1, "xgboostVersion": "1.7.4", "trainedAt": "..." }
 * ```
 */
export const ModelMetadataSchema = z.object({
  name: z.string().min(1),
  version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a version holds letters, digits, ".", "_" and "-"'),
  format: z.literal('xgboost-json'),
  objective: z.literal('binary:logistic'),
  label: z.string(),
  featureNames: z.array(z.string().min(1)).min(1),
  trainingWindow: z.object({ from: z.string(), to: z.string(), splitAt: z.string() }),
  rows: z.object({ train: z.number().int().nonnegative(), test: z.number().int().nonnegative() }),
  labelRate: z.object({ train: z.number().min(0).max(1), test: z.number().min(0).max(1) }),
  metrics: z.object({ xgboost: ModelMetricsSchema, logistic: ModelMetricsSchema }),
  threshold: z.object({ minAuc: z.number().min(0).max(1) }),
  source: z.enum(['lake', 'generated']),
  seed: z.number().int().optional(),
  xgboostVersion: z.string(),
  /** How XGBoost was trained: its parameters and the boosting rounds early stopping chose. */
  training: z.object({ rounds: z.number().int().positive(), params: z.record(z.string(), z.union([z.string(), z.number()])) }).optional(),
  trainedAt: z.string(),
});

/** The metadata of a published model. */
export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;
