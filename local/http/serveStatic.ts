import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** Content types of the files a dashboard is made of. */
export const STATIC_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

const fileFor = async (root: string, rawPath: string): Promise<string | undefined> => {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const base = resolve(root);
  let file = resolve(join(base, path));
  // A path that climbs out of the directory is treated as absent, never served.
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    const index = await stat(file).catch(() => undefined);
    return index?.isFile() ? file : undefined;
  }
  return info?.isFile() ? file : undefined;
};

/**
 * Serves a file from `root` for a GET or HEAD of `rawPath`, `index.html` for a directory, with
 * `headers` added (security headers such as a Content-Security-Policy).
 *
 * @returns false, having written nothing, when there is no such file (the caller answers 404).
 */
export const serveStatic = async (
  root: string,
  rawPath: string,
  method: string,
  response: ServerResponse,
  headers: Readonly<Record<string, string>> = {},
): Promise<boolean> => {
  const file = await fileFor(root, rawPath);
  if (!file) return false;
  const { size } = await stat(file);
  response.writeHead(200, {
    ...headers,
    'content-type': STATIC_CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
  });
  if (method === 'HEAD') {
    response.end();
    return true;
  }
  await new Promise<void>((done, fail) => {
    createReadStream(file).on('error', fail).on('end', done).pipe(response);
  });
  return true;
};
