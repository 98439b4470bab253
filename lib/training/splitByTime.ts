import { DEFAULT_TEST_SHARE, LABEL_HORIZON_MS, MIN_ROWS_PER_CLASS } from './constants';
import { NotEnoughDataError } from './errors';
import type { TimeSplit, TrainingExample } from './types';

/** Options of {@link splitByTime}. */
export interface SplitOptions {
  /** The share of observations, by label time, to evaluate on. Range (0, 1). @default 0.2 */
  readonly testShare?: number;
  /** How far a label looks ahead, ms. @default 30 minutes */
  readonly horizonMs?: number;
  /** Until when the data shows orders, epoch ms: a label window reaching past it is incomplete. @default the latest label time */
  readonly observedUntilMs?: number;
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
 * reaches the split is dropped, so no training label looks at the evaluation period. So is an
 * observation whose label window ends after the data does (`observedUntilMs`): an order after
 * the end is unseen, and its 0 would be a guess.
 *
 * @throws NotEnoughDataError when a part would lack rows of a class.
 */
export function splitByTime(examples: readonly TrainingExample[], options: SplitOptions = {}): TimeSplit {
  const testShare = options.testShare ?? DEFAULT_TEST_SHARE;
  if (!(testShare > 0 && testShare < 1)) throw new RangeError(`testShare must be in (0, 1), got ${testShare}`);
  const horizonMs = options.horizonMs ?? LABEL_HORIZON_MS;
  const minimum = options.minRowsPerClass ?? MIN_ROWS_PER_CLASS;
  if (examples.length === 0) throw new NotEnoughDataError('training set', 'has no rows (no page views in the events)');
  const ordered = [...examples].sort((a, b) => a.labelTimeMs - b.labelTimeMs);
  const observedUntilMs = options.observedUntilMs ?? ordered[ordered.length - 1]!.labelTimeMs;
  const sorted = ordered.filter((row) => row.labelTimeMs + horizonMs <= observedUntilMs);
  if (sorted.length === 0) throw new NotEnoughDataError('training set', `has no observation whose ${horizonMs / 60_000}-minute label window ends inside the data`);
  let cut = Math.max(1, Math.floor(sorted.length * (1 - testShare)));
  while (cut < sorted.length && sorted[cut - 1]!.labelTimeMs === sorted[cut]!.labelTimeMs) cut++;
  if (cut === sorted.length) throw new NotEnoughDataError('evaluation part', 'is empty: every observation has the same label time');
  const splitAtMs = sorted[cut]!.labelTimeMs;
  const before = sorted.slice(0, cut);
  const train = before.filter((row) => row.labelTimeMs + horizonMs < splitAtMs);
  const test = sorted.slice(cut);
  if (train.length === 0) {
    throw new NotEnoughDataError('training part', `is empty: every observation before the split has its ${horizonMs / 60_000}-minute label window reaching past it (the data spans too little time; generate more events)`);
  }
  for (const [part, rows] of [['training part', train], ['evaluation part', test]] as const) {
    const [negatives, positives] = classCounts(rows);
    if (positives < minimum || negatives < minimum) {
      throw new NotEnoughDataError(part, `has ${positives} positive and ${negatives} negative rows; each class needs at least ${minimum} (generate more events)`);
    }
  }
  return { train, test, splitAtMs, purged: before.length - train.length, censored: ordered.length - sorted.length };
}
