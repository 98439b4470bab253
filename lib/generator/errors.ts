/** The base of every error the event generator throws. */
export class GeneratorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GeneratorError';
  }
}

/** An option given to `generateEvents` or `buildCatalog` is out of range; names the option and the value. */
export class InvalidGeneratorOptionError extends GeneratorError {
  /** The option's name, e.g. `lateRatio`. */
  readonly option: string;
  /** The value that arrived. */
  readonly value: unknown;

  constructor(option: string, value: unknown, expected: string, options?: { cause?: unknown }) {
    super(`${option}: expected ${expected}, got ${JSON.stringify(value) ?? String(value)}`, options);
    this.name = 'InvalidGeneratorOptionError';
    this.option = option;
    this.value = value;
  }
}
