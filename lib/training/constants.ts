/** The model's name; versions are `<name>-<UTC timestamp>-<short hash>`. */
export const MODEL_NAME = 'propensity-xgb';

/** What the label means, as metadata.json states it. */
export const LABEL_DESCRIPTION = 'the user places an order (a transaction event) in the 30 minutes after a page view';

/**
 * The lowest XGBoost AUC on the later (evaluation) part that `snowline train` publishes; below
 * it, or when the logistic-regression baseline does at least as well, it refuses. @default 0.7
 */
export const DEFAULT_MIN_AUC = 0.7;

/** The share of observations, by label time, kept for evaluation (the later part). Range (0, 1). @default 0.2 */
export const DEFAULT_TEST_SHARE = 0.2;

/** How far a label looks ahead: an order within 30 minutes. Training rows whose label window reaches past the split are dropped (no leakage across it). */
export const LABEL_HORIZON_MS = 30 * 60 * 1000;

/** The fewest rows of each class each part needs for AUC to mean anything. @default 20 */
export const MIN_ROWS_PER_CLASS = 20;

/** Probabilities are clipped to [ε, 1 − ε] before the log loss. */
export const LOG_LOSS_EPSILON = 1e-15;
