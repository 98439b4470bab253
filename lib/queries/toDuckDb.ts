import { DUCKDB_PRELUDE } from './duckDbPrelude';
import { InvalidQuerySourceError, MissingQueryInputError } from './errors';
import { replacePlaceholders } from './placeholders';
import type { DuckDbQuery, ParquetSource } from './types';

/** A SQL string literal. */
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * Translates a query of `queries/` (Athena SQL) for DuckDB over the local lake: each `{{name}}`
 * becomes `read_parquet('<files>', hive_partitioning = 1)`, and the dialect shims of
 * {@link DUCKDB_PRELUDE} come as set-up statements. The query text is otherwise unchanged.
 *
 * @throws MissingQueryInputError naming a placeholder with no source.
 * @throws InvalidQuerySourceError when a source's path is empty or holds a control character.
 * @example
 * ```ts
 * const query = toDuckDb(await readFile('queries/feature_training_set.sql', 'utf8'), {
 *   user_activity: { parquet: `${groupFolder}/data/*\/*\/*\/*\/*.parquet` },
 *   events: { parquet: 'lake/events/*.parquet' },
 * });
 * const rows = await runDuckDbQuery(query);
 * ```
 */
export function toDuckDb(sql: string, sources: Readonly<Record<string, ParquetSource>>): DuckDbQuery {
  const translated = replacePlaceholders(sql, (name) => {
    const source = Object.hasOwn(sources, name) ? sources[name] : undefined;
    if (source === undefined) throw new MissingQueryInputError(name, Object.keys(sources));
    if (source.parquet === '') throw new InvalidQuerySourceError(name, 'the parquet path is empty');
    if (/[\u0000-\u001f]/.test(source.parquet)) throw new InvalidQuerySourceError(name, 'the parquet path holds a control character');
    return `read_parquet(${literal(source.parquet)}, hive_partitioning = ${source.hivePartitioning === false ? 0 : 1})`;
  });
  return { setup: DUCKDB_PRELUDE, sql: translated };
}
