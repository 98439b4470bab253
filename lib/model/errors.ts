/** Errors of the model's input contract. */

/** The base of this module's errors. */
export class ModelInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelInputError';
  }
}

/** A model artifact whose feature list is not the one this code builds, naming the first difference. */
export class FeatureOrderMismatchError extends ModelInputError {
  constructor(
    /** The model (metadata `name@version`). */
    readonly model: string,
    /** The first column that differs (its index). */
    readonly index: number,
    /** The model's column there, or undefined when the model has fewer columns. */
    readonly expected: string | undefined,
    /** This code's column there, or undefined when it has fewer columns. */
    readonly actual: string | undefined,
  ) {
    super(`model ${model}: feature ${index} is ${JSON.stringify(expected)} in the model but ${JSON.stringify(actual)} in MODEL_FEATURE_NAMES; retrain or deploy a matching model`);
    this.name = 'FeatureOrderMismatchError';
  }
}

/** A request-time context value naming no input of the model, or of the wrong type. */
export class InvalidContextValueError extends ModelInputError {
  constructor(
    /** The context key. */
    readonly key: string,
    /** What is wrong. */
    readonly reason: string,
  ) {
    super(`context.${key}: ${reason}`);
    this.name = 'InvalidContextValueError';
  }
}
