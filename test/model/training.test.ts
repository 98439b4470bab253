import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODEL_FEATURE_NAMES } from '../../lib/model';
import { auc, logLoss, NotEnoughDataError, publishDecision, splitByTime, sqlTimestampMs, toCsv, toTrainingExample, type TrainingExample } from '../../lib/training';

/** AUC by its definition: over every positive-negative pair, 1 when the positive scores higher, ½ on a tie. */
const pairwiseAuc = (labels: number[], scores: number[]) => {
  let sum = 0;
  let pairs = 0;
  labels.forEach((a, i) => labels.forEach((b, j) => {
    if (a !== 1 || b !== 0) return;
    pairs++;
    sum += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
  }));
  return sum / pairs;
};

describe('metrics', () => {
  it('AUC equals the pairwise definition, ties counted half', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 40 }), (pairs) => {
        const labels = pairs.map(([l]) => l);
        const scores = pairs.map(([, s]) => s / 5);
        fc.pre(labels.includes(0) && labels.includes(1));
        expect(auc(labels, scores)).toBeCloseTo(pairwiseAuc(labels, scores), 12);
      }),
    );
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(auc([1, 1], [0.2, 0.3])).toBeNaN();
  });

  it('log loss is the mean negative log likelihood, with probabilities clipped', () => {
    expect(logLoss([1, 0], [0.9, 0.2])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 12);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 6);
  });

  it('refuses to publish below the threshold or without beating the baseline, saying which', () => {
    expect(publishDecision({ auc: 0.8, logLoss: 0.3 }, { auc: 0.7, logLoss: 0.3 }, 0.7)).toEqual([]);
    expect(publishDecision({ auc: 0.65, logLoss: 0.3 }, { auc: 0.7, logLoss: 0.3 }, 0.7)).toEqual([
      'XGBoost AUC 0.6500 is below the threshold 0.7000',
      "XGBoost AUC 0.6500 does not beat the logistic baseline's 0.7000",
    ]);
    expect(publishDecision({ auc: Number.NaN, logLoss: 0.3 }, { auc: 0.5, logLoss: 0.3 }, 0.7)).toHaveLength(2);
  });
});

const at = (minute: number, label: 0 | 1): TrainingExample => ({ labelTimeMs: Date.UTC(2026, 10, 22, 10, minute), label, vector: [minute] });

describe('splitByTime', () => {
  it('trains on the earlier label times, evaluates on the later, and drops training rows whose 30-minute label window crosses the split', () => {
    const rows = Array.from({ length: 100 }, (_, i) => at(99 - i, (i % 3 === 0 ? 1 : 0) as 0 | 1));
    const split = splitByTime(rows, { testShare: 0.2, minRowsPerClass: 1, observedUntilMs: Date.UTC(2026, 10, 22, 10, 129) });
    expect(split.splitAtMs).toBe(Date.UTC(2026, 10, 22, 10, 80));
    expect(split.test.map((r) => r.vector[0])).toEqual(Array.from({ length: 20 }, (_, i) => 80 + i));
    expect(Math.max(...split.train.map((r) => r.labelTimeMs))).toBe(Date.UTC(2026, 10, 22, 10, 49));
    expect(split.purged).toBe(30);
    expect(split.censored).toBe(0);
  });

  it('drops observations whose label window ends after the data: an order after the end is unseen', () => {
    const rows = Array.from({ length: 100 }, (_, i) => at(i, (i % 3 === 0 ? 1 : 0) as 0 | 1));
    const split = splitByTime(rows, { testShare: 0.2, minRowsPerClass: 1 });
    expect(split.censored).toBe(30);
    expect(Math.max(...split.test.map((r) => r.vector[0]!))).toBe(69);
    expect(() => splitByTime([at(0, 1), at(10, 0)])).toThrow('not enough data to train: the training set has no observation whose 30-minute label window ends inside the data');
  });

  it('never splits one instant between the parts', () => {
    const rows = [...Array.from({ length: 6 }, () => at(0, 0)), ...Array.from({ length: 4 }, () => at(0, 1)), at(40, 1), at(41, 0)];
    const split = splitByTime(rows, { testShare: 0.5, minRowsPerClass: 1, horizonMs: 0 });
    expect(split.censored).toBe(0);
    expect(split.train).toHaveLength(10);
    expect(split.test).toHaveLength(2);
  });

  it('says when a part lacks a class', () => {
    const rows = Array.from({ length: 50 }, (_, i) => at(i, 0));
    expect(() => splitByTime(rows)).toThrow(NotEnoughDataError);
    expect(() => splitByTime(Array.from({ length: 200 }, (_, i) => at(i, (i % 50 === 0 ? 1 : 0) as 0 | 1)))).toThrow(
      'not enough data to train: the training part has 3 positive and 103 negative rows; each class needs at least 20 (generate more events)',
    );
    expect(() => splitByTime(rows)).toThrow('not enough data to train: the training part is empty: every observation before the split has its 30-minute label window reaching past it (the data spans too little time; generate more events)');
    expect(() => splitByTime([])).toThrow('not enough data to train: the training set has no rows (no page views in the events)');
  });
});

describe('encoding a training-set row as an inference call at its label time would', () => {
  const row = {
    event_id: 'e1', domain_userid: 'u1', label_time: '2026-11-22 10:15:00.25', label: 1, feature_event_time: '2026-11-22 10:09:00',
    page_views_5m: 2, page_views_1h: 3, events_1h: 9, link_clicks_1h: 1, add_to_carts_1h: 1, transactions_24h: 0, revenue_24h: 12.5,
    distinct_pages_1h: 3, sessions_24h: 1, last_event_name: 'page_view', device_class: 'Phone', country: 'FR', is_logged_in: 1,
  };

  it('reads DuckDB timestamps as UTC to the millisecond', () => {
    expect(sqlTimestampMs('2026-11-22 10:10:00.25')).toBe(Date.parse('2026-11-22T10:10:00.250Z'));
    expect(sqlTimestampMs('2026-11-22 10:10:00')).toBe(Date.parse('2026-11-22T10:10:00Z'));
    expect(sqlTimestampMs('yesterday')).toBeNaN();
  });

  it('gives the values in MODEL_FEATURE_NAMES order, one-hot categories, the feature age from the label time, and 0 for a window that has passed', () => {
    const { vector, label, labelTimeMs } = toTrainingExample(row);
    const byName = Object.fromEntries(MODEL_FEATURE_NAMES.map((name, i) => [name, vector[i]]));
    expect([label, labelTimeMs]).toEqual([1, Date.parse('2026-11-22T10:15:00.250Z')]);
    expect(byName).toMatchObject({ page_views_5m: 0, page_views_1h: 3, revenue_24h: 12.5, device_class__Phone: 1, device_class__Desktop: 0, country__FR: 1, user_event_age_s: 360.25 });
  });

  it('defaults every feature of a user without features, and names a bad row', () => {
    const none = toTrainingExample({ ...row, feature_event_time: null, page_views_1h: null, device_class: null });
    expect(none.vector[MODEL_FEATURE_NAMES.indexOf('page_views_1h')]).toBe(0);
    expect(none.vector[MODEL_FEATURE_NAMES.indexOf('user_event_age_s')]).toBe(86_400);
    expect(() => toTrainingExample({ ...row, label: 2 })).toThrow('training set row e1: label 2 is not 0 or 1');
  });

  it('writes CSV with the label first, as SageMaker XGBoost reads it', () => {
    expect(toCsv(['a', 'b'], [{ labelTimeMs: 0, label: 1, vector: [0.5, Number.NaN] }])).toBe('label,a,b\n1,0.5,\n');
  });
});
