import type { DuckDBConnection } from '@duckdb/node-api';
import { rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ShopTable } from '../../schemas/shop';
import { DMS_COLUMNS } from '../../lib/catalog';
// The DuckDB types of the shop's columns live with the merge that reads these files.
import { DUCKDB_TYPES } from '../glue/duckDbTypes';
import { syncPath as fsyncPath } from '../featurestore/storage/durableFs';
import type { DmsRow } from './types';

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * Writes DMS rows as one Parquet file, as DMS does with `DataFormat=parquet`,
 * `IncludeOpForFullLoad=true` and `TimestampColumnName=dms_commit_ts`: columns `Op` (VARCHAR),
 * `dms_commit_ts` (TIMESTAMP, UTC, µs), `dms_change_seq` (VARCHAR, 35 digits), then the table's
 * columns in SHOP_TABLES order with their Parquet types. The file appears whole or not at all
 * (written beside, fsynced, renamed, directory fsynced), so a reader never sees half a file and
 * a crash leaves at most a `.tmp` behind.
 *
 * @example
 * ```ts
 * await writeDmsParquet(duck, shopTable('orders'), rows, '/landing/shop/public/orders/20261122-101500123.parquet');
 * ```
 */
export async function writeDmsParquet(connection: DuckDBConnection, table: ShopTable, rows: readonly DmsRow[], path: string): Promise<void> {
  const stage = ident(`stage_${table.name}`);
  const names = [DMS_COLUMNS.op, DMS_COLUMNS.commitTimestamp, DMS_COLUMNS.changeSequence, ...table.columns.map((c) => c.name)];
  await connection.run(`CREATE OR REPLACE TABLE ${stage} (${names.map((n) => `${ident(n)} VARCHAR`).join(', ')})`);
  try {
    const appender = await connection.createAppender(`stage_${table.name}`);
    for (const row of rows) {
      appender.appendVarchar(row.op);
      appender.appendVarchar(row.commitTs);
      appender.appendVarchar(row.changeSeq);
      for (const value of row.values) {
        if (value === null) appender.appendNull();
        else appender.appendVarchar(value);
      }
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
    const select = [
      ident(DMS_COLUMNS.op),
      `CAST(${ident(DMS_COLUMNS.commitTimestamp)} AS TIMESTAMP) AS ${ident(DMS_COLUMNS.commitTimestamp)}`,
      ident(DMS_COLUMNS.changeSequence),
      ...table.columns.map((c) => `CAST(${ident(c.name)} AS ${DUCKDB_TYPES[c.type]}) AS ${ident(c.name)}`),
    ];
    const temporary = `${path}.tmp`;
    await connection.run(`COPY (SELECT ${select.join(', ')} FROM ${stage}) TO ${literal(temporary)} (FORMAT parquet)`);
    await fsyncPath(temporary);
    await rename(temporary, path);
    await fsyncPath(dirname(path));
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${stage}`);
  }
}
