import { DuckDBInstance } from '@duckdb/node-api';
import { MissingLakeDataError } from './errors';
import { lakeSources } from './lakeSources';
import { placeholdersOf } from './placeholders';
import { runDuckDbQueryTable } from './runDuckDbQuery';
import { toDuckDb } from './toDuckDb';

/** Whether a DuckDB glob matches at least one file. */
async function hasFiles(glob: string): Promise<boolean> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER FROM glob('${glob.replaceAll("'", "''")}')`);
    return (reader.getRows()[0]![0] as number) > 0;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Runs a query of `queries/` (Athena SQL) on DuckDB over a local lake: each `{{input}}` becomes
 * the lake's files for it ({@link lakeSources}), after checking that there are some. Returns the
 * column names in order and the rows.
 *
 * @throws MissingLakeDataError naming the first input with no files, where they would be and what writes them.
 * @throws MissingQueryInputError for a placeholder the lake has no input for, listing those it has.
 * @example
 * ```ts
 * const { columns, rows } = await runLakeQuery(await readFile('queries/funnel_by_category.sql', 'utf8'), '.snowline/lake');
 * ```
 */
export async function runLakeQuery(sql: string, lakeDir: string): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const inputs = lakeSources(lakeDir);
  const query = toDuckDb(sql, Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.source])));
  for (const name of placeholdersOf(sql)) {
    const input = inputs[name]!;
    if (!(await hasFiles(input.source.parquet))) throw new MissingLakeDataError(name, input.folder, input.filledBy);
  }
  return runDuckDbQueryTable(query);
}
