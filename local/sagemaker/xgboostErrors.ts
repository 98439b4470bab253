/** Errors of loading an XGBoost model artifact. Each names the file and the field at fault. */

/** A model artifact that cannot be served: unreadable, of an unsupported kind, or inconsistent. */
export class XgboostModelError extends Error {
  constructor(
    /** The file at fault, e.g. `model/propensity/model.json`, or `<inline>`. */
    readonly file: string,
    /** What is wrong, naming the field. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
    this.name = 'XgboostModelError';
  }
}
