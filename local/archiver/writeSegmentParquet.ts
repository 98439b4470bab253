import { rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdirDurable, syncPath } from '../featurestore/storage/durableFs';
import { ARCHIVE_COLUMNS } from './archiveColumns';
import { EVENTS_PREFIX } from './constants';

const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const COLUMNS_STRUCT = `{${ARCHIVE_COLUMNS.map((c) => `${quote(c.name)}: ${literal(c.duckDbType)}`).join(', ')}}`;
const COLUMN_LIST = ARCHIVE_COLUMNS.map((c) => quote(c.name)).join(', ');

/**
 * Writes one staged segment (JSON lines of pseudonymous event rows) as Parquet: one file per
 * collector date, `<lakeDir>/events/date=YYYY-MM-DD/<fileName>`, each event id once (the first
 * staged). A torn last line (a crash in the middle of an append, never acknowledged) is skipped.
 * Each file appears under its name only once complete and on disk, and the names depend only on
 * the segment, so writing a segment again replaces its files instead of adding to them.
 *
 * @returns the files written and their row count.
 */
export async function writeSegmentParquet(
  connection: DuckDBConnection,
  segment: string,
  lakeDir: string,
  fileName: string,
): Promise<{ files: string[]; rows: number }> {
  const table = 'archive_segment';
  await connection.run(`DROP TABLE IF EXISTS ${table}`);
  await connection.run(
    `CREATE TEMP TABLE ${table} AS
     SELECT ${COLUMN_LIST}, strftime(collector_tstamp, '%Y-%m-%d') AS archive_date
     FROM (
       SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY staged_order) AS copy
       FROM (SELECT *, row_number() OVER () AS staged_order
             FROM read_json(${literal(segment)}, format = 'newline_delimited', columns = ${COLUMNS_STRUCT}, ignore_errors = true))
       WHERE event_id IS NOT NULL AND collector_tstamp IS NOT NULL
     )
     WHERE copy = 1
     ORDER BY staged_order`,
  );
  try {
    const dates = (await connection.runAndReadAll(`SELECT archive_date, count(*)::INTEGER FROM ${table} GROUP BY archive_date ORDER BY archive_date`)).getRows() as [string, number][];
    const files: string[] = [];
    let rows = 0;
    for (const [date, count] of dates) {
      const file = join(lakeDir, EVENTS_PREFIX, `date=${date}`, fileName);
      await mkdirDurable(dirname(file));
      const temporary = `${file}.tmp`;
      await connection.run(`COPY (SELECT ${COLUMN_LIST} FROM ${table} WHERE archive_date = ${literal(date)}) TO ${literal(temporary)} (FORMAT parquet, COMPRESSION zstd)`);
      await syncPath(temporary);
      await rename(temporary, file);
      await syncPath(dirname(file));
      files.push(file);
      rows += count;
    }
    return { files, rows };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** Removes a written segment and makes the removal durable. */
export async function removeSegment(segment: string): Promise<void> {
  await unlink(segment);
  await syncPath(dirname(segment));
}
