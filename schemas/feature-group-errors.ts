/** Errors of the feature group declarations (`schemas/feature-group*.ts`). */

/** A feature group declaration breaks one of Feature Store's rules. */
export class InvalidFeatureGroupError extends Error {
  /** The group whose declaration is wrong. */
  readonly groupName: string;
  /** The path of the wrong field, e.g. `features.3.name`. */
  readonly field: string;

  constructor(groupName: string, field: string, detail: string, options?: { cause?: unknown }) {
    super(`feature group '${groupName}': ${field === '' ? 'declaration' : field} ${detail}`, options);
    this.name = 'InvalidFeatureGroupError';
    this.groupName = groupName;
    this.field = field;
  }
}
