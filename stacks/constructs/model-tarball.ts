/**
 * Packs a model file into the `model.tar.gz` SageMaker's built-in containers read.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The file name SageMaker's built-in XGBoost container loads from the archive. */
export const XGBOOST_MODEL_FILE = 'xgboost-model';

const field = (header: Buffer, offset: number, length: number, value: string): void => {
  header.write(value.slice(0, length), offset, length, 'ascii');
};
const octal = (value: number, length: number): string => value.toString(8).padStart(length - 1, '0');

/**
 * One file as a POSIX ustar archive, gzipped, with a fixed mtime, owner and mode, so the same
 * model gives the same bytes (and the same asset hash: no redeploy without a new model).
 */
export function tarGzOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512, 0);
  field(header, 0, 100, name);
  field(header, 100, 8, octal(0o644, 8));
  field(header, 108, 8, octal(0, 8));
  field(header, 116, 8, octal(0, 8));
  field(header, 124, 12, octal(content.length, 12));
  field(header, 136, 12, octal(0, 12));
  field(header, 148, 8, '        ');
  field(header, 156, 1, '0');
  field(header, 257, 6, 'ustar\0');
  field(header, 263, 2, '00');
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  field(header, 148, 8, `${octal(checksum, 7)}\0 `);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512, 0);
  return gzipSync(Buffer.concat([header, content, padding, Buffer.alloc(1024, 0)]), { level: 9 });
}

/**
 * Writes `model.tar.gz` holding `modelFile` as {@link XGBOOST_MODEL_FILE} into a directory named
 * after its content hash under the OS temp dir, and returns the archive's path (for an S3 asset).
 *
 * @example
 * ```ts
 * new s3assets.Asset(this, 'Model', { path: packModelTarball('model/propensity/model.json') });
 * ```
 */
export function packModelTarball(modelFile: string): string {
  const archive = tarGzOneFile(XGBOOST_MODEL_FILE, readFileSync(modelFile));
  const dir = join(tmpdir(), `snowline-model-${createHash('sha256').update(archive).digest('hex').slice(0, 16)}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'model.tar.gz');
  writeFileSync(path, archive);
  return path;
}
