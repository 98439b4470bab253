/** Errors of training the propensity model. */

/** The base of this module's errors. */
export class TrainingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TrainingError';
  }
}

/** The training set cannot train or evaluate a model: too few rows, or one class missing from a part. */
export class NotEnoughDataError extends TrainingError {
  constructor(
    /** Which part: `train` or `test`, or `training set`. */
    readonly part: string,
    /** What is missing. */
    readonly reason: string,
  ) {
    super(`not enough data to train: the ${part} ${reason}`);
    this.name = 'NotEnoughDataError';
  }
}

/** The trained model is not good enough to publish; carries the reasons (each a sentence). */
export class ModelRejectedError extends TrainingError {
  constructor(readonly reasons: readonly string[]) {
    super(`model not published: ${reasons.join('; ')}`);
    this.name = 'ModelRejectedError';
  }
}
