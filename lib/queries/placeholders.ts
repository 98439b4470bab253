/**
 * The placeholder syntax of the SQL in `queries/`: `{{name}}` stands where a table goes, `name`
 * in lower case, digits and `_`. Placeholders inside `--` comments and `'...'` literals are
 * text, not inputs, so a query's header can talk about them.
 *
 * @example
 * ```sql
 * SELECT domain_userid FROM {{user_activity}} f
 * ```
 */
export const PLACEHOLDER_NAME = /^[a-z][a-z0-9_]*$/;

// One pass over the SQL: a comment, a string literal (with '' escapes) or a placeholder. Only
// the third captures, so comments and literals are copied as they are.
const TOKENS = /--[^\n]*|'(?:[^']|'')*'|\{\{([a-z][a-z0-9_]*)\}\}/g;

/**
 * Replaces every placeholder outside comments and literals with `replace(name)`.
 *
 * @example
 * ```ts
 * replacePlaceholders("SELECT 1 FROM {{t}} -- {{t}}", (name) => `"db"."${name}"`);
 * // 'SELECT 1 FROM "db"."t" -- {{t}}'
 * ```
 */
export function replacePlaceholders(sql: string, replace: (name: string) => string): string {
  return sql.replace(TOKENS, (token: string, name: string | undefined) => (name === undefined ? token : replace(name)));
}

/** The distinct placeholders of a query, in order of first use. */
export function placeholdersOf(sql: string): string[] {
  const names = new Set<string>();
  replacePlaceholders(sql, (name) => {
    names.add(name);
    return '';
  });
  return [...names];
}
