import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';

/** gzip, as Enrich's compressed sink writes it. */
export const gzip = (text: string): Uint8Array => gzipSync(Buffer.from(text));

/**
 * zstd, through the reference `zstd` command (Debian's package, installed by .ci/run): Node 20's
 * zlib has no zstd, and compressing with the real tool keeps our reader honest.
 */
export const zstd = (text: string): Uint8Array => execFileSync('zstd', ['-q', '-c', '-3'], { input: Buffer.from(text) });
