import { InvalidQuerySourceError, MissingQueryInputError } from './errors';
import { replacePlaceholders } from './placeholders';
import type { AthenaTable } from './types';

/** A quoted Athena identifier. */
const identifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Fills in a query of `queries/` for Athena: each `{{name}}` becomes the quoted
 * `"database"."table"` of the Glue catalog. Nothing else changes: the files are Athena SQL.
 *
 * @throws MissingQueryInputError naming a placeholder with no table.
 * @throws InvalidQuerySourceError when a database or table name is empty.
 * @example
 * ```ts
 * toAthena(sql, { user_activity: { database: 'sagemaker_featurestore', table: 'user_activity_1763812800' }, events: { database: 'snowline', table: 'events' } });
 * ```
 */
export function toAthena(sql: string, tables: Readonly<Record<string, AthenaTable>>): string {
  return replacePlaceholders(sql, (name) => {
    const table = Object.hasOwn(tables, name) ? tables[name] : undefined;
    if (table === undefined) throw new MissingQueryInputError(name, Object.keys(tables));
    if (table.database === '' || table.table === '') throw new InvalidQuerySourceError(name, 'the database and table names must not be empty');
    return `${identifier(table.database)}.${identifier(table.table)}`;
  });
}
