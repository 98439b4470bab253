import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError } from './errors';

/**
 * Reads a whole request body, refusing bodies over `limit` bytes.
 *
 * A declared `content-length` over the limit is refused before reading. Either way the rest of
 * the body is drained, so the caller can still answer (413) on the same connection.
 *
 * @throws PayloadTooLargeError when the body is larger than `limit`.
 */
export const readBody = (request: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      request.resume();
      reject(new PayloadTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        reject(new PayloadTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks, size));
    });
    request.on('error', reject);
  });
