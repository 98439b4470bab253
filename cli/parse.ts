import type { Command } from 'commander';
import { parseToSdkJson } from '../lib/snowplow';
import { stat } from 'node:fs/promises';
import { BufferedWriter, readLines } from './lineStream';
import { createProgress, type Progress } from './progress';

/** Counts of one `snowline parse` run. */
export interface ParseSummary {
  readonly lines: number;
  readonly events: number;
  readonly badRows: number;
}

/**
 * Reads enriched TSV lines and writes one SDK-compatible JSON object per line to `out`, and each
 * bad row as one JSON line to `err`. Blank lines are skipped.
 */
export async function parseLines(
  lines: AsyncIterable<string>,
  out: BufferedWriter,
  err: BufferedWriter,
  progress: Progress = createProgress(0, ''),
): Promise<ParseSummary> {
  let count = 0;
  let events = 0;
  let badRows = 0;
  for await (const line of lines) {
    progress.tick(line.length + 1);
    if (line === '') continue;
    count++;
    const result = parseToSdkJson(line);
    if (result.ok) {
      events++;
      await out.write(`${JSON.stringify(result.json)}\n`);
    } else {
      badRows++;
      await err.write(`${JSON.stringify(result.badRow)}\n`);
    }
  }
  await out.flush();
  await err.flush();
  progress.done();
  return { lines: count, events, badRows };
}

/** `snowline parse [FILE]`. */
export function registerParse(program: Command): void {
  program
    .command('parse')
    .description(
      'Read enriched TSV lines (FILE, or stdin) and write one SDK-compatible JSON object a line to stdout; ' +
        'each line that is not a valid event goes to stderr as a Snowplow bad row. Exits 0 whenever the input could be read.',
    )
    .argument('[file]', 'a file of enriched TSV lines; - or nothing reads stdin')
    .action(async (file: string | undefined) => {
      const out = new BufferedWriter(process.stdout);
      const err = new BufferedWriter(process.stderr, 1);
      // A file's size is known, so a terminal gets a bar measured in characters read.
      const size = file === undefined || file === '-' ? 0 : (await stat(file).catch(() => undefined))?.size ?? 0;
      await parseLines(readLines(file), out, err, createProgress(size, 'bytes'));
    });
}
