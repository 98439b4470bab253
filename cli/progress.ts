/** A progress display for a long run: call `tick` per item and `done` at the end. */
export interface Progress {
  /** Counts `n` more items done. */
  tick(n?: number): void;
  /** Clears the bar (the run is over). */
  done(): void;
}

/** The stream a progress bar draws on: stderr, or a stand-in in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): boolean;
}

/** Runs shorter than this many items finish too fast to need a bar. */
export const PROGRESS_MIN_TOTAL = 10_000;

const NO_PROGRESS: Progress = { tick: () => {}, done: () => {} };

/**
 * A one-line progress bar, drawn on `stream` only when it is a terminal and the run is long
 * (at least {@link PROGRESS_MIN_TOTAL} items); otherwise nothing is written, so piped or
 * redirected stderr stays clean. Redraws at most every `intervalMs` (and at 100%), and only when
 * the shown tenth of a percent changed.
 *
 * @example
 * ```ts
 * const progress = createProgress(100_000, 'events');
 * for (...) progress.tick();
 * progress.done();
 * ```
 */
export function createProgress(
  total: number,
  unit: string,
  stream: ProgressStream = process.stderr,
  intervalMs = 100,
  now: () => number = Date.now,
): Progress {
  if (!stream.isTTY || !(total >= PROGRESS_MIN_TOTAL) || !Number.isFinite(total)) return NO_PROGRESS;
  let count = 0;
  let shown = -1;
  let drawnAt = -Infinity;
  // Sized for the longest label, so the bar does not change width as the count grows.
  const longest = ` 100.0% ${total}/${total} ${unit}`.length;
  const width = Math.max(10, Math.min(50, (stream.columns ?? 80) - longest - 3));
  const draw = (): void => {
    const permille = Math.floor((count / total) * 1000);
    if (permille === shown) return;
    const time = now();
    if (time - drawnAt < intervalMs && count < total) return;
    shown = permille;
    drawnAt = time;
    const label = ` ${(permille / 10).toFixed(1).padStart(5)}% ${count}/${total} ${unit}`;
    const filled = Math.round((permille / 1000) * width);
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${label}`);
  };
  draw();
  return {
    tick(n = 1) {
      count += n;
      draw();
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
