import { open } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { DEFAULT_SEED, DEFAULT_START, DEFAULT_USERS, TruthAccumulator, generateEvents } from '../lib/generator';
import { BufferedWriter } from './lineStream';
import { isoInstant, ratio, wholeNumber, wholeNumberInRange } from './options';
import { createProgress } from './progress';

/** The parsed flags of `snowline generate`. */
export interface GenerateFlags {
  readonly events: number;
  readonly seed: number;
  readonly start: Date;
  readonly users: number;
  readonly lateRatio: number;
  readonly duplicateRatio: number;
  readonly truth?: string;
}

/** `snowline generate --events N`: realistic enriched TSV for the demo shop on stdout. */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description(
      'Write realistic Snowplow enriched events (TSV, one a line) for the demo shop to stdout: exactly N lines, ' +
        'late events and duplicates included, byte-identical for the same flags. A progress bar shows on stderr only when it is a terminal.',
    )
    .requiredOption('--events <n>', 'how many lines to write (late events and duplicates included)', wholeNumber(1))
    .addOption(new Option('--seed <s>', 'the seed: the same seed gives the same lines').argParser(wholeNumber(0)).default(DEFAULT_SEED))
    .addOption(
      new Option('--start <iso>', 'when the traffic starts, an ISO-8601 UTC time')
        .argParser(isoInstant)
        .default(new Date(DEFAULT_START), new Date(DEFAULT_START).toISOString()),
    )
    .addOption(new Option('--users <u>', 'how many distinct visitors (browsers)').argParser(wholeNumberInRange(1, 1_000_000)).default(DEFAULT_USERS))
    .addOption(new Option('--late-ratio <r>', 'share of lines that are late events (event time minutes earlier)').argParser(ratio).default(0))
    .addOption(new Option('--duplicate-ratio <r>', 'share of lines that repeat an earlier line exactly').argParser(ratio).default(0))
    .option('--truth <file>', 'also write the per-minute ground truth (JSON) to FILE')
    .action(async (flags: GenerateFlags, command: Command) => {
      if (flags.lateRatio + flags.duplicateRatio >= 1) {
        command.error(
          `error: --late-ratio plus --duplicate-ratio must be below 1 (some lines must be new, on-time events), got ${flags.lateRatio} + ${flags.duplicateRatio}.`,
        );
      }
      const truthFile = flags.truth === undefined ? undefined : await open(flags.truth, 'w').catch((error: NodeJS.ErrnoException) =>
        command.error(`error: option '--truth <file>' cannot write "${flags.truth}": ${error.code ?? error.message}.`),
      );
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        // The reader went away (`| head`): stop quietly, as Unix tools do.
        if (error.code === 'EPIPE') process.exit(0);
        throw error;
      });
      const out = new BufferedWriter(process.stdout);
      const truth = truthFile ? new TruthAccumulator() : undefined;
      const progress = createProgress(flags.events, 'events');
      const generated = generateEvents({
        events: flags.events,
        seed: flags.seed,
        start: flags.start,
        users: flags.users,
        lateRatio: flags.lateRatio,
        duplicateRatio: flags.duplicateRatio,
      });
      for (const { line, event } of generated) {
        await out.write(`${line}\n`);
        truth?.add(event);
        progress.tick();
      }
      await out.flush();
      progress.done();
      if (truthFile && truth) {
        await truthFile.writeFile(`${JSON.stringify(truth.result(), null, 2)}\n`);
        await truthFile.close();
      }
    });
}
