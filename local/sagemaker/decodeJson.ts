import { z } from 'zod';
import { MalformedBodyError } from './errors';

const row = z.array(z.number());
const instance = z.union([row, z.object({ features: row })], { error: 'expected an array of numbers or {"features": [numbers]}' });
const instances = z.object({ instances: z.array(instance).min(1) });
const single = z.object({ features: row });
const rows = z.array(row).min(1);

const pathText = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');

const parseWith = <T>(schema: z.ZodType<T>, value: unknown): T => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${pathText(issue.path)}: ` : '';
  throw new MalformedBodyError(`Invalid JSON body: ${where}${issue?.message ?? 'unexpected shape'}.`);
};

/**
 * Reads `application/json` rows of numbers. Accepted shapes:
 * - `{"instances": [[1, 2], [3, 4]]}` (rows as arrays),
 * - `{"instances": [{"features": [1, 2]}, ...]}` (SageMaker's built-in algorithm format),
 * - `{"features": [1, 2]}` (one row),
 * - `[[1, 2], [3, 4]]` (a bare array of rows) or `[1, 2]` (one bare row).
 *
 * @throws MalformedBodyError for invalid JSON, or naming the path of the first bad value.
 */
export const decodeJson = (text: string): number[][] => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedBodyError(`Invalid JSON body: ${(error as Error).message}`, { cause: error });
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'number')) return [value as number[]];
    return parseWith(rows, value);
  }
  if (typeof value === 'object' && value !== null && 'instances' in value) {
    return parseWith(instances, value).instances.map((instance) => (Array.isArray(instance) ? instance : instance.features));
  }
  if (typeof value === 'object' && value !== null && 'features' in value) return [parseWith(single, value).features];
  throw new MalformedBodyError('Invalid JSON body: expected {"instances": [...]}, {"features": [...]} or an array of rows.');
};
