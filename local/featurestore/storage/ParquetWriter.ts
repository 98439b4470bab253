import { rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance, DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { FeatureType, type FeatureGroupDeclaration } from '../../../schemas/feature-group-declaration';
import type { OfflineRow } from '../types';
import { syncPath } from './durableFs';

const SQL_TYPE: Record<FeatureType, string> = {
  [FeatureType.Integral]: 'BIGINT',
  [FeatureType.Fractional]: 'DOUBLE',
  [FeatureType.String]: 'VARCHAR',
};

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const timestamp = (ms: number) => new DuckDBTimestampValue(BigInt(Math.round(ms * 1000)));

/**
 * Writes offline rows as one Parquet file with DuckDB: the group's features with their Feature
 * Store types (Integral BIGINT, Fractional DOUBLE, String VARCHAR), then `write_time`,
 * `api_invocation_time` (TIMESTAMP) and `is_deleted` (BOOLEAN), as the offline store has them.
 * The file appears under its name only once it is complete and on disk.
 */
export class ParquetWriter {
  private connection: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | undefined;
  private tables = 0;

  /** Writes `rows` (all of `group`) to `path`. */
  async write(group: FeatureGroupDeclaration, rows: readonly OfflineRow[], writeTimeMs: number, path: string): Promise<void> {
    const { connection } = await (this.connection ??= this.open());
    const table = `offline_rows_${++this.tables}`;
    const columns = [
      ...group.features.map((feature) => `${quote(feature.name)} ${SQL_TYPE[feature.type]}`),
      'write_time TIMESTAMP',
      'api_invocation_time TIMESTAMP',
      'is_deleted BOOLEAN',
    ];
    await connection.run(`CREATE TEMP TABLE ${table} (${columns.join(', ')})`);
    try {
      const appender = await connection.createAppender(table);
      try {
        for (const row of rows) appendRow(appender, group, row, writeTimeMs);
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      const temporary = path + '.tmp';
      await connection.run(`COPY ${table} TO '${temporary.replace(/'/g, "''")}' (FORMAT parquet)`);
      await syncPath(temporary);
      await rename(temporary, path);
      await syncPath(dirname(path));
    } finally {
      await connection.run(`DROP TABLE ${table}`);
    }
  }

  /** Releases DuckDB. */
  async close(): Promise<void> {
    if (this.connection === undefined) return;
    const { instance, connection } = await this.connection;
    this.connection = undefined;
    connection.closeSync();
    instance.closeSync();
  }

  private async open(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    return { instance, connection: await instance.connect() };
  }
}

function appendRow(appender: DuckDBAppender, group: FeatureGroupDeclaration, row: OfflineRow, writeTimeMs: number): void {
  for (const feature of group.features) {
    const value = row.values[feature.name];
    if (value === undefined) appender.appendNull();
    else if (feature.type === FeatureType.Integral) appender.appendBigInt(BigInt(value));
    else if (feature.type === FeatureType.Fractional) appender.appendDouble(Number(value));
    else appender.appendVarchar(value);
  }
  appender.appendTimestamp(timestamp(writeTimeMs));
  appender.appendTimestamp(timestamp(row.apiInvocationTimeMs));
  appender.appendBoolean(row.isDeleted);
  appender.endRow();
}
