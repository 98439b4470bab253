/** One observation of the training set, encoded: the label time, the label and the model's feature vector. */
export interface TrainingExample {
  /** The page view's time, epoch ms. */
  readonly labelTimeMs: number;
  /** 1 when the user ordered within 30 minutes. */
  readonly label: 0 | 1;
  /** One number per MODEL_FEATURE_NAMES column, in order. */
  readonly vector: readonly number[];
}

/** A training set split by time. */
export interface TimeSplit {
  /** Observations before the split, minus those whose label window reaches past it. */
  readonly train: readonly TrainingExample[];
  /** Observations at or after the split. */
  readonly test: readonly TrainingExample[];
  /** The first label time of the evaluation part, epoch ms. */
  readonly splitAtMs: number;
  /** Training observations dropped because their 30-minute label window crosses the split. */
  readonly purged: number;
  /** Observations dropped because their label window ends after the data (the last 30 minutes). */
  readonly censored: number;
}
