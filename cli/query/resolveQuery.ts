import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QueryChoiceError, QueryFileError, UnknownQueryError } from './errors';

/** The folder of the analysts' queries. */
export const QUERIES_DIR = join(import.meta.dirname, '..', '..', 'queries');

/** The names of the queries in `queries/` (file names without `.sql`), sorted. */
export async function availableQueries(dir = QUERIES_DIR): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -'.sql'.length)).sort();
}

/** A query to run: its SQL and where it came from. */
export interface ResolvedQuery {
  readonly sql: string;
  /** The query's name, the file, or `--sql`. */
  readonly source: string;
}

/**
 * The SQL a `snowline query` call asks for: `--sql` text, a file (an argument ending in `.sql` or
 * holding a `/`), or the name of a query in `queries/` (with or without `.sql`).
 *
 * @throws QueryChoiceError when both or neither of a query and `--sql` are given.
 * @throws UnknownQueryError listing the available queries.
 * @throws QueryFileError when a file cannot be read.
 */
export async function resolveQuery(query: string | undefined, sql: string | undefined, dir = QUERIES_DIR): Promise<ResolvedQuery> {
  const available = await availableQueries(dir);
  if (query !== undefined && sql !== undefined) throw new QueryChoiceError('both a query and --sql were given', available);
  if (sql !== undefined) {
    if (sql.trim() === '') throw new QueryChoiceError('--sql is empty', available);
    return { sql, source: '--sql' };
  }
  if (query === undefined || query.trim() === '') throw new QueryChoiceError('no query given', available);
  const name = query.endsWith('.sql') && !query.includes('/') ? query.slice(0, -'.sql'.length) : query;
  if (available.includes(name)) return { sql: await readFile(join(dir, `${name}.sql`), 'utf8'), source: name };
  if (!query.endsWith('.sql') && !query.includes('/')) throw new UnknownQueryError(query, available);
  try {
    return { sql: await readFile(query, 'utf8'), source: query };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !query.includes('/')) throw new UnknownQueryError(query, available);
    throw new QueryFileError(query, code === 'ENOENT' ? 'no such file' : (code ?? String(error)), { cause: error });
  }
}
