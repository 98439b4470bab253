import type { z } from 'zod';
import { ValidationError } from './errors';

const memberName = (key: PropertyKey): string => {
  const name = String(key);
  return name.charAt(0).toLowerCase() + name.slice(1);
};

/**
 * Parses an action's input, or throws the {@link ValidationError} AWS's front end returns:
 * `1 validation error detected: Value 'a_b' at 'endpointName' failed to satisfy constraint:
 * Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*`. The schema's
 * issue messages are the constraint texts.
 */
export const validateInput = <T>(schema: z.ZodType<T>, input: Record<string, unknown>): T => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const parts = result.error.issues.map((issue) => {
    const key = issue.path[0] ?? '';
    const value = input[String(key)];
    const shown = value === undefined ? 'null' : `'${String(value)}'`;
    return `Value ${shown} at '${memberName(key)}' failed to satisfy constraint: ${issue.message}`;
  });
  const count = parts.length;
  throw new ValidationError(`${count} validation error${count === 1 ? '' : 's'} detected: ${parts.join('; ')}`);
};
