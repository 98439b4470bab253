import { InvalidEnvironmentError } from './errors';

/**
 * A positive number from an environment variable, or undefined when it is unset or empty.
 * @throws InvalidEnvironmentError naming the variable when it is set to anything else.
 */
export function readNumberEnv(variable: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env[variable];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidEnvironmentError(variable, text, 'a positive number');
  return value;
}
