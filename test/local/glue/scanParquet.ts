/**
 * A scan of Parquet files for given values: every file under a folder, every row as its whole
 * text (nested JSON and structs included), searched for each value as a substring.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const regexEscape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** Every `.parquet` file under `dir`, recursively, sorted. */
export async function parquetFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.parquet')).map((e) => join(e.parentPath, e.name)).sort();
}

/**
 * The values of `values` found in the Parquet files under `dir`, by file (files without any left
 * out). Longer values are tried first, so one value inside another is still found.
 */
export async function findValuesInParquet(dir: string, values: Iterable<string>): Promise<Map<string, string[]>> {
  const wanted = [...new Set(values)].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  if (wanted.length === 0) throw new Error('findValuesInParquet: no values to look for');
  const pattern = wanted.map(regexEscape).join('|');
  const found = new Map<string, string[]>();
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    for (const file of await parquetFilesUnder(dir)) {
      const reader = await connection.runAndReadAll(
        `SELECT DISTINCT unnest(regexp_extract_all(CAST(t AS VARCHAR), ${literal(pattern)})) AS hit FROM read_parquet(${literal(file)}) AS t ORDER BY hit`,
      );
      const hits = reader.getRows().map((r) => String(r[0]));
      if (hits.length > 0) found.set(file, hits);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return found;
}
