import { DEFAULT_TEST_SHARE, LABEL_HORIZON_MS, MIN_ROWS_PER_CLASS } from './constants';
import { NotEnoughDataError } from './errors';
import type { TimeSplit, TrainingExample } from './types';

/** Options of {@link splitByTime}. */
export interface SplitOptions {
  /** The share of observations, by label time, to evaluate on. Range (0, 1). @default 0.2 */
  readonly testShare?: number;
  /** How far a label looks ahead, ms. @default 30 minutes */
  readonly horizonMs?: number;
  /** The fewest rows of each class each part needs. @default 20 */
  readonly minRowsPerClass?: number;
}

const classCounts = (rows: readonly TrainingExample[]): [number, number] => {
  let positives = 0;
  for (const row of rows) positives += row.label;
  return [rows.length - positives, positives];
};

/**
 * Splits observations by label time: the earliest go to training, the latest `testShare` to
 * evaluation, as a model trained today is used tomorrow. Observations of one instant never
 * straddle the split, and a training observation whose label window (label time + horizon)
 * reaches the split is dropped, so no training label looks at the evaluation period.
 *
 * @throws NotEnoughDataError when a part would lack rows of a class.
 */
export function splitByTime(examples: readonly TrainingExample[], options: SplitOptions = {}): TimeSplit {
  const testShare = options.testShare ?? DEFAULT_TEST_SHARE;
  if (!(testShare > 0 && testShare < 1)) throw new RangeError(`testShare must be in (0, 1), got ${testShare}`);
  const horizonMs = options.horizonMs ?? LABEL_HORIZON_MS;
  const minimum = options.minRowsPerClass ?? MIN_ROWS_PER_CLASS;
  if (examples.length === 0) throw new NotEnoughDataError('training set', 'has no rows (no page views in the events)');
  const sorted = [...examples].sort((a, b) => a.labelTimeMs - b.labelTimeMs);
  let cut = Math.max(1, Math.floor(sorted.length * (1 - testShare)));
  while (cut < sorted.length && sorted[cut - 1]!.labelTimeMs === sorted[cut]!.labelTimeMs) cut++;
  if (cut === sorted.length) throw new NotEnoughDataError('evaluation part', 'is empty: every observation has the same label time');
  const splitAtMs = sorted[cut]!.labelTimeMs;
  const before = sorted.slice(0, cut);
  const train = before.filter((row) => row.labelTimeMs + horizonMs < splitAtMs);
  const test = sorted.slice(cut);
  for (const [part, rows] of [['training part', train], ['evaluation part', test]] as const) {
    const [negatives, positives] = classCounts(rows);
    if (positives < minimum || negatives < minimum) {
      throw new NotEnoughDataError(part, `has ${positives} positive and ${negatives} negative rows; each class needs at least ${minimum} (generate more events)`);
    }
  }
  return { train, test, splitAtMs, purged: before.length - train.length };
}
