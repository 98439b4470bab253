import { InvalidArgumentError } from 'commander';

/** Parses a whole number of at least `min`, or says what the flag expects. */
export const wholeNumber =
  (min = 0) =>
  (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(`expected a whole number of at least ${min}, got "${value}".`);
    }
    return Number(value);
  };

/** Parses a ratio in [0, 1], or says what the flag expects. */
export const ratio = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError(`expected a ratio between 0 and 1, got "${value}".`);
  }
  return n;
};

/** Parses an ISO-8601 UTC instant (ending in Z), or says what the flag expects. */
export const isoInstant = (value: string): Date => {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`expected an ISO-8601 UTC time such as 2026-11-22T10:00:00Z, got "${value}".`);
  }
  return date;
};

/** Parses a whole number from `min` to `max`, or says what the flag expects. */
export const wholeNumberInRange =
  (min: number, max: number) =>
  (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}".`);
    }
    return Number(value);
  };
