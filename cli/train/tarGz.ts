import { gzipSync } from 'node:zlib';

const field = (header: Buffer, offset: number, length: number, value: string) => header.write(value.padEnd(length, '\0').slice(0, length), offset, 'ascii');
const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0') + '\0';

/**
 * A gzipped POSIX tar (ustar) archive of regular files, byte for byte the same for the same
 * input: what SageMaker's `ModelDataUrl` takes (`model.tar.gz` holding `xgboost-model`).
 */
export function tarGz(files: readonly { readonly name: string; readonly data: Buffer; readonly mtimeMs: number }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const file of files) {
    if (Buffer.byteLength(file.name) > 100) throw new RangeError(`tar member name too long: ${file.name}`);
    const header = Buffer.alloc(512);
    field(header, 0, 100, file.name);
    field(header, 100, 8, octal(0o644, 8));
    field(header, 108, 8, octal(0, 8));
    field(header, 116, 8, octal(0, 8));
    field(header, 124, 12, octal(file.data.length, 12));
    field(header, 136, 12, octal(Math.floor(file.mtimeMs / 1000), 12));
    field(header, 148, 8, '        ');
    field(header, 156, 1, '0');
    field(header, 257, 6, 'ustar\0');
    field(header, 263, 2, '00');
    let sum = 0;
    for (const byte of header) sum += byte;
    field(header, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
    blocks.push(header, file.data, Buffer.alloc((512 - (file.data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}
