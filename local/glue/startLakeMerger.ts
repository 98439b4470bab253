import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RAW_PREFIX } from '../../lib/catalog';
import { DEFAULT_MERGE_INTERVAL_SECONDS } from './constants';
import { mergeLake } from './mergeLake';
import type { MergeLakeResult } from './types';

/** Options of {@link startLakeMerger}. */
export interface LakeMergerOptions {
  /** The local lake root (`<data-dir>/lake`). */
  readonly lakeDir: string;
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
 * `intervalSeconds` while the lake has raw DMS files, one merge at a time. A failed merge is logged
 * and tried again at the next tick (its tables keep their previous state).
 *
 * @example
 * ```ts
 * const merger = startLakeMerger({ lakeDir: '.snowline/lake', log: console.log });
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

  const tick = async (): Promise<void> => {
    try {
      if (!(await hasRawFiles(join(options.lakeDir, RAW_PREFIX)))) return;
      last = await mergeLake({ lakeDir: options.lakeDir });
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

/** Whether any `<schema>/<table>/` folder under the raw prefix holds a file. */
async function hasRawFiles(rawDir: string): Promise<boolean> {
  const list = (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const schema of await list(rawDir)) {
    if (!schema.isDirectory()) continue;
    for (const table of await list(join(rawDir, schema.name))) {
      if (table.isDirectory() && (await list(join(rawDir, schema.name, table.name))).some((f) => f.name.endsWith('.parquet'))) return true;
    }
  }
  return false;
}
