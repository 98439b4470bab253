import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands';

/** The `snowline` command line: one sub-command per file in `cli/`, each with its own `--help`. */
export function buildProgram(): Command {
  const program = new Command('snowline')
    .description('Snowline: streaming features and real-time reports for Snowplow on AWS, runnable locally')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });
  for (const register of COMMANDS) register(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  process.stderr.write(`snowline: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
