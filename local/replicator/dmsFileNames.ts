import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SHOP_SCHEMA } from '../../schemas/shop';
import { LANDING_PREFIX } from '../../lib/catalog';

/** The folder DMS writes a table's files to under the landing zone's root: `shop/public/<table>`. */
export function tableDir(landingDir: string, table: string): string {
  return join(landingDir, LANDING_PREFIX, SHOP_SCHEMA, table);
}

/** The name of the n-th full-load file: `LOAD00000001.parquet`. */
export function loadFileName(n: number): string {
  return `LOAD${String(n).padStart(8, '0')}.parquet`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** DMS's name for a CDC file written at `at` (UTC): `yyyyMMdd-HHmmssSSS`, without extension. */
export function cdcFileStem(at: Date): string {
  return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}${pad(at.getUTCMilliseconds(), 3)}`;
}

/**
 * A free path for a CDC file written now in `dir`: `20261122-101500123.parquet`, or with `-1`,
 * `-2`… when a file of that millisecond exists (a restart can land in the same millisecond).
 */
export function nextCdcPath(dir: string, at: Date): string {
  const stem = cdcFileStem(at);
  let path = join(dir, `${stem}.parquet`);
  for (let n = 1; existsSync(path); n++) path = join(dir, `${stem}-${n}.parquet`);
  return path;
}
