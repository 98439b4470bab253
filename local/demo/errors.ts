/** Errors of the demo traffic. */

/** Base class of every error thrown by `local/demo`. */
export class DemoTrafficError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DemoTrafficError';
  }
}

/** An option of the demo traffic is out of range. */
export class InvalidDemoOptionError extends DemoTrafficError {
  /** The option, e.g. `rate`. */
  readonly option: string;

  constructor(option: string, value: unknown, expected: string) {
    super(`demo traffic: ${option} must be ${expected}, got ${JSON.stringify(value)}`);
    this.name = 'InvalidDemoOptionError';
    this.option = option;
  }
}
