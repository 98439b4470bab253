import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { MissingLakeDataError, runLakeQuery } from '../lib/queries';
import { DATA_DIR_LAYOUT, DEFAULT_DATA_DIR } from '../local/up/constants';
import { addDataDirOption, dataDirOf, type DataDirOption } from './dataDir';
import { formatRows, QUERY_FORMATS, type QueryFormat } from './query/formatRows';
import { resolveQuery } from './query/resolveQuery';

/** Options of `snowline query`. */
interface QueryOptions extends DataDirOption {
  readonly format: QueryFormat;
  readonly sql?: string;
}

/**
 * `snowline query NAME|FILE` / `snowline query --sql "..."`: runs Athena SQL on DuckDB over the
 * local lake (`<data-dir>/lake`), each `{{input}}` read from the lake's files, and prints the
 * rows as a table, CSV or JSON.
 */
async function runQuery(query: string | undefined, options: QueryOptions): Promise<void> {
  const resolved = await resolveQuery(query, options.sql);
  const lakeDir = resolve(dataDirOf(options), DATA_DIR_LAYOUT.lake);
  const result = await runLakeQuery(resolved.sql, lakeDir).catch((error: unknown) => {
    if (error instanceof MissingLakeDataError) {
      const start = options.dataDir === DEFAULT_DATA_DIR ? 'npm start' : `npx snowline up --demo --data-dir ${options.dataDir}`;
      throw new MissingLakeDataError(error.input, error.folder, error.filledBy, `start the local stack with \`${start}\` and wait a minute`);
    }
    throw error;
  });
  process.stdout.write(formatRows(options.format, result.columns, result.rows));
}

/** `snowline query`: the analysts' queries on the local lake. */
export function registerQuery(program: Command): void {
  addDataDirOption(
    program
      .command('query')
      .description(
        'Run an Athena query of queries/ (by name), a .sql file, or --sql text on DuckDB over the local lake ' +
          '(<data-dir>/lake: the events archive, the current-state shop tables, the offline features)',
      )
      .argument('[query]', 'a query name, e.g. funnel_by_category, or a path to a .sql file')
      .option('--sql <sql>', 'run this Athena SQL instead; {{events}}, {{products}}, {{orders}}, {{order_items}}, {{customers}}, {{user_activity}}, {{product_activity}} name the lake\'s tables')
      .addOption(new Option('--format <format>', 'how to print the rows').choices(QUERY_FORMATS).default('table')),
  ).action(runQuery);
}
