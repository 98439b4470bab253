import { parseSoakOptions, SOAK_USAGE } from './soak/options';
import type { SoakOptions } from './soak/types';

/**
 * `npm run soak -- --minutes M --rate R [--seed S] [--data-dir DIR] [--json]`: runs the soak test
 * (see runSoak), prints its table (or its JSON with `--json`) on stdout and progress on stderr.
 * Resolves with the exit code: 0 when every check passed (or for `--help`), 1 when one failed, 2
 * when the options are wrong or the soak could not run.
 */
export async function soakMain(args: readonly string[]): Promise<number> {
  let options: SoakOptions;
  try {
    options = parseSoakOptions(args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message === SOAK_USAGE) {
      process.stdout.write(`${SOAK_USAGE}\n`);
      return 0;
    }
    process.stderr.write(`soak: ${message}\n${SOAK_USAGE}\n`);
    return 2;
  }
  try {
    // Loaded once the options are good: a bad flag answers without loading the SDK and the stack.
    const { formatSoakTable, runSoak } = await import('./soak/index');
    const result = await runSoak(options, (line) => void process.stderr.write(`${line}\n`));
    process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatSoakTable(result));
    return result.passed ? 0 : 1;
  } catch (error) {
    process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
