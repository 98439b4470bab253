import type { z } from 'zod';
import { ValidationError } from './errors';

/**
 * Parses an operation's input with its zod schema, or throws the ValidationError AWS gives for
 * a request that breaks the API model, worded as AWS words it:
 * `1 validation error detected: Value null at 'recordIdentifierValueAsString' failed to satisfy constraint: Member must not be null`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const details = issues.map((issue) => {
    const value = valueAt(input, issue.path);
    return `Value ${renderValue(value)} at '${renderPath(issue.path)}' failed to satisfy constraint: ${constraint(issue, value)}`;
  });
  throw new ValidationError(`${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: ${details.join('; ')}`);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function renderValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `'[${value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ')}]'`;
  if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

/** AWS names members in lower camel case and list items `<list>.<1-based index>.member`. */
function renderPath(path: readonly PropertyKey[]): string {
  return path
    .map((key) => (typeof key === 'number' ? `${key + 1}.member` : String(key).charAt(0).toLowerCase() + String(key).slice(1)))
    .join('.');
}

function constraint(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined || value === null ? 'Member must not be null' : `Member must be of type ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'number'
        ? `Member must have value greater than or equal to ${String(issue.minimum)}`
        : `Member must have length greater than or equal to ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'number'
        ? `Member must have value less than or equal to ${String(issue.maximum)}`
        : `Member must have length less than or equal to ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue && typeof issue.pattern === 'string'
        ? `Member must satisfy regular expression pattern: ${issue.pattern.replace(/^\/|\/[a-z]*$/g, '')}`
        : issue.message;
    case 'invalid_value':
      return `Member must satisfy enum value set: [${issue.values.map(String).join(', ')}]`;
    default:
      return issue.message;
  }
}
