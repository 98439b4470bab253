import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { readEndpoints } from '../local/up/endpointsFile';
import type { Endpoints } from '../local/up/endpointsSchema';
import { DEFAULT_DATA_DIR } from '../local/up/constants';

/** The parsed `--data-dir` option of a command. */
export interface DataDirOption {
  readonly dataDir: string;
}

const directory = (value: string): string => {
  if (value.trim() === '') throw new InvalidArgumentError('expected a directory, got an empty string.');
  return value;
};

/**
 * Adds `--data-dir <dir>` to a command that works on the local stack, with the same default and
 * help everywhere, so `snowline up` and the tools that read its endpoints agree on where to look.
 *
 * @example
 * addDataDirOption(program.command('status')).action(async (options: DataDirOption) => {
 *   const endpoints = await endpointsOf(options);
 * });
 */
export function addDataDirOption(command: Command): Command {
  return command.option(
    '--data-dir <dir>',
    `where the local stack keeps its data and endpoints.json (shared by every command that works on it)`,
    directory,
    DEFAULT_DATA_DIR,
  );
}

/** The data dir a command was given, absolute. */
export function dataDirOf(options: Partial<DataDirOption>): string {
  return resolve(options.dataDir ?? DEFAULT_DATA_DIR);
}

/**
 * The endpoints of the local stack running on the command's data dir.
 *
 * @throws EndpointsNotFoundError, saying how to start the stack, when it is not running there.
 */
export function endpointsOf(options: Partial<DataDirOption>): Promise<Endpoints> {
  return readEndpoints(dataDirOf(options));
}
