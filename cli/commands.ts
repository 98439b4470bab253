import type { Command } from 'commander';
import { registerFeatures } from './features';
import { registerGenerate } from './generate';
import { registerParse } from './parse';
import { registerQuery } from './query';
import { registerStatus } from './status';
import { registerTrain } from './train';
import { registerUp } from './up';

/** Adds one sub-command to the program. */
export type RegisterCommand = (program: Command) => void;

/** Every sub-command, in the order `snowline --help` lists them. */
export const COMMANDS: readonly RegisterCommand[] = [registerParse, registerGenerate, registerUp, registerFeatures, registerTrain, registerQuery, registerStatus];
