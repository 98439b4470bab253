/**
 * The short key a resource is listed under in `endpoints.json`: its name without the project's
 * `snowline-` prefix, in camel case.
 *
 * @example
 * logicalKey('snowline-bad-rows'); // 'badRows'
 * logicalKey('user_activity'); // 'userActivity'
 */
export function logicalKey(name: string): string {
  return name
    .replace(/^snowline[-_.]/, '')
    .toLowerCase()
    .replace(/[-_.]+([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}

/** `{ [logicalKey(name)]: name }` for each name, in order. */
export function namesByKey(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [logicalKey(name), name]));
}
