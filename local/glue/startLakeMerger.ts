import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LANDING_PREFIX } from '../../lib/catalog';
import { DEFAULT_MERGE_INTERVAL_SECONDS } from './constants';
import { mergeLake } from './mergeLake';
import type { MergeLakeResult } from './types';

/** Options of {@link startLakeMerger}. */
export interface LakeMergerOptions {
  /** The local landing zone (`<data-dir>/landing`), where the replicator writes the DMS files. */
  readonly landingDir: string;
  /** The local lake root (`<data-dir>/lake`). */
  readonly lakeDir: string;
  /** The pseudonymisation key file, the events archiver's (`<data-dir>/pseudonymisation.key`). */
  readonly keyFile: string;
  /** Seconds between the end of one merge and the start of the next. Range > 0. @default 30 */
  readonly intervalSeconds?: number;
  /** Where a merge's summary or failure goes. @default - nowhere */
  readonly log?: (line: string) => void;
}

/** A running local Glue trigger. */
export interface LakeMerger {
  /** The latest merge's result, if one has finished. */
  readonly lastResult: () => MergeLakeResult | undefined;
  /** Stops the trigger, waiting for a merge in progress to finish (a merge is never cut short). */
  close(): Promise<void>;
}

/**
 * The local stand-in for the Glue job's scheduled trigger: runs {@link mergeLake} every
 * `intervalSeconds` while the landing zone has raw DMS files, one merge at a time, skipping a tick when
 * the raw files are those the last successful merge read (so an idle lake costs a directory
 * listing, not a merge). A failed merge is logged and tried again at the next tick (its tables
 * keep their previous state).
 *
 * @example
 * ```ts
 * const merger = startLakeMerger({ landingDir: '.snowline/landing', lakeDir: '.snowline/lake', keyFile: '.snowline/pseudonymisation.key', log: console.log });
 * await merger.close();
 * ```
 */
export function startLakeMerger(options: LakeMergerOptions): LakeMerger {
  const intervalSeconds = options.intervalSeconds ?? DEFAULT_MERGE_INTERVAL_SECONDS;
  if (!(intervalSeconds > 0)) throw new RangeError(`startLakeMerger: intervalSeconds must be > 0, got ${intervalSeconds}`);
  const log = options.log ?? (() => undefined);
  let last: MergeLakeResult | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  // The raw files (names, sizes, times) the last successful merge read: the merge is a function
  // of them and the state it wrote, so while they stay the same a tick has nothing to do.
  let merged: string | undefined;
  const tick = async (): Promise<void> => {
    try {
      const listing = await rawListing(join(options.landingDir, LANDING_PREFIX));
      if (listing === '' || listing === merged) return;
      last = await mergeLake({ landingDir: options.landingDir, lakeDir: options.lakeDir, keyFile: options.keyFile });
      merged = listing;
      const written = last.tables.filter((t) => t.rowsWritten > 0);
      if (written.length > 0) log(`lake merge: ${written.map((t) => `${t.name} ${t.rowsWritten} rows (${t.changesRead} changes, ${t.ms} ms)`).join(', ')}`);
    } catch (error) {
      log(`lake merge failed, will retry: ${(error as Error).message}`);
    }
  };
  const schedule = (): void => {
    if (closed) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        schedule();
      });
    }, intervalSeconds * 1000);
    timer.unref();
  };
  schedule();
  return {
    lastResult: () => last,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** The `.parquet` files under `<schema>/<table>/` of the landing prefix, with size and time, as one string ('' for none). */
async function rawListing(rawDir: string): Promise<string> {
  const list = (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const schema of await list(rawDir)) {
    if (!schema.isDirectory()) continue;
    for (const table of await list(join(rawDir, schema.name))) {
      if (!table.isDirectory()) continue;
      const dir = join(rawDir, schema.name, table.name);
      for (const file of await list(dir)) {
        if (!file.isFile() || !file.name.endsWith('.parquet')) continue;
        const info = await stat(join(dir, file.name)).catch(() => undefined);
        if (info !== undefined) files.push(`${schema.name}/${table.name}/${file.name}:${info.size}:${info.mtimeMs}`);
      }
    }
  }
  return files.sort().join('\n');
}
