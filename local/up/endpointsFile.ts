import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DATA_DIR_LAYOUT, DEFAULT_DATA_DIR } from './constants';
import { EndpointsSchema, type Endpoints } from './endpointsSchema';
import { EndpointsNotFoundError, InvalidEndpointsFileError } from './errors';

/** The path of `endpoints.json` in a data dir. */
export const endpointsPath = (dataDir: string): string => join(resolve(dataDir), DATA_DIR_LAYOUT.endpoints);

/**
 * Writes `endpoints.json` atomically (a temporary file renamed into place), so a reader never
 * sees half a file.
 */
export async function writeEndpoints(dataDir: string, endpoints: Endpoints): Promise<string> {
  const file = endpointsPath(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(EndpointsSchema.parse(endpoints), null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return file;
}

/** Removes `endpoints.json` (on a clean shutdown, so no tool finds endpoints that are gone). */
export async function removeEndpoints(dataDir: string): Promise<void> {
  await rm(endpointsPath(dataDir), { force: true });
}

/**
 * Reads and validates the endpoints of the local stack running on `dataDir`.
 *
 * @default dataDir '.snowline'
 * @throws EndpointsNotFoundError when the stack is not running there.
 * @throws InvalidEndpointsFileError when the file is not what `snowline up` writes.
 * @example
 * const endpoints = await readEndpoints('.snowline');
 * const kinesis = new KinesisClient(sdkClientConfig(endpoints, 'kinesis'));
 */
export async function readEndpoints(dataDir: string = DEFAULT_DATA_DIR): Promise<Endpoints> {
  const file = endpointsPath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new EndpointsNotFoundError(file, resolve(dataDir));
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InvalidEndpointsFileError(file, 'not JSON', { cause });
  }
  const parsed = EndpointsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidEndpointsFileError(file, `${issue.path.join('.') || '(root)'}: ${issue.message}`, { cause: parsed.error });
  }
  return parsed.data;
}
