import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_FEATURE_NAMES } from '../../lib/model';
import { DEFAULT_MIN_AUC, ModelMetadataSchema } from '../../lib/training';
import { loadXgboostModel } from '../../local/sagemaker/xgboostModel';
import { generateLake } from '../../cli/train/generateLake';
import { xgboostPredict } from '../model/pythonXgboost';
import { snowline, type Outcome } from '../helpers/cli';

// 40,000 generated events (about 2.5 hours of shop traffic) train in about 10 s of CPU; the
// default threshold applies.
const EVENTS = 40_000;

let dir: string;
let dataDir: string;
let published: Outcome;
let refused: Outcome;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snowline-train-test-'));
  // Act: one run on generated events that publishes; one on a lake holding the same events
  // (their offline store and archive, as a data dir holds them) that must refuse a higher threshold.
  published = await snowline('train', '--generate', String(EVENTS), '--seed', '1', '--json', '--out', join(dir, 'published'), '--data-dir', join(dir, 'empty-data-dir'));
  dataDir = join(dir, 'data-dir');
  await generateLake(dataDir, { events: EVENTS, seed: 1 });
  refused = await snowline('train', '--data-dir', dataDir, '--min-auc', '0.99', '--out', join(dir, 'refused'));
}, 240_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('snowline train', () => {
  it('trains on generated events, prints both models\' AUC and log loss on the later part, and publishes', async () => {
    expect(published.stderr).toContain('snowline train: generating 40,000 events (seed 1)');
    expect(published.code).toBe(0);
    const report = JSON.parse(published.stdout);
    expect(report.source).toEqual({ kind: 'generated', events: EVENTS, seed: 1 });
    expect(report.metrics.xgboost.auc).toBeGreaterThan(report.metrics.logistic.auc);
    expect(report.metrics.xgboost.auc).toBeGreaterThanOrEqual(DEFAULT_MIN_AUC);
    expect(report.threshold).toEqual({ minAuc: DEFAULT_MIN_AUC });
    expect(report.metrics.xgboost.logLoss).toBeGreaterThan(0);
    expect(Date.parse(report.window.splitAt)).toBeGreaterThan(Date.parse(report.window.from));
    expect(report.rows.train).toBeGreaterThan(1000);
    expect(report.refused).toEqual([]);
    expect(report.published.version).toMatch(/^propensity-xgb-\d{8}T\d{6}Z-[0-9a-f]{7}$/);
  });

  it('publishes model.json, model.tar.gz (xgboost-model) and metadata.json that agree with each other', async () => {
    const out = join(dir, 'published');
    const report = JSON.parse(published.stdout);
    const metadata = ModelMetadataSchema.parse(JSON.parse(await readFile(join(out, 'metadata.json'), 'utf8')));
    expect(metadata).toMatchObject({ version: report.published.version, featureNames: MODEL_FEATURE_NAMES, metrics: report.metrics, threshold: { minAuc: DEFAULT_MIN_AUC }, source: 'generated', seed: 1 });
    expect(metadata.rows).toEqual({ train: report.rows.train, test: report.rows.test });
    expect(metadata.training).toMatchObject({ params: { objective: 'binary:logistic', seed: 1, nthread: 1 } });
    expect(metadata.training!.rounds).toBeGreaterThan(0);
    const modelJson = await readFile(join(out, 'model.json'));
    const tar = gunzipSync(await readFile(join(out, 'model.tar.gz')));
    expect(tar.subarray(0, 13).toString('latin1')).toBe('xgboost-model');
    const size = parseInt(tar.subarray(124, 135).toString('latin1'), 8);
    expect(tar.subarray(512, 512 + size).equals(modelJson)).toBe(true);
    // SageMaker's XGBoost container loads the member by its name, without an extension: xgboost 1.7 reads it as JSON.
    const member = join(dir, 'xgboost-model');
    await writeFile(member, tar.subarray(512, 512 + size));
    // The published model serves, and scores as xgboost does.
    const model = await loadXgboostModel(out);
    const rows = [MODEL_FEATURE_NAMES.map((_, i) => i % 3), MODEL_FEATURE_NAMES.map(() => 0)];
    const reference = await xgboostPredict(join(out, 'model.json'), rows);
    expect(await xgboostPredict(member, rows)).toEqual(reference);
    (await model.predict(rows)).forEach((p, i) => expect(p).toBeCloseTo(reference[i]!, 6));
  });

  it('reads the lake under --data-dir when it holds data: the same events there give the same training set and metrics', () => {
    expect(refused.stderr).toContain(`snowline train: reading the lake under ${dataDir}`);
    const generated = JSON.parse(published.stdout);
    const f4 = (x: number) => x.toFixed(4);
    expect(refused.stdout).toContain(`training set   the lake under ${dataDir}\n`);
    expect(refused.stdout).toContain(`split at ${generated.window.splitAt}\n`);
    expect(refused.stdout).toContain(`rows           train ${generated.rows.train.toLocaleString('en-US')} (`);
    expect(refused.stdout).toContain(`xgboost                     ${f4(generated.metrics.xgboost.auc)}   ${f4(generated.metrics.xgboost.logLoss)}\n`);
    expect(refused.stdout).toContain(`logistic regression         ${f4(generated.metrics.logistic.auc)}   ${f4(generated.metrics.logistic.logLoss)}\n`);
  });

  it('prints a table with the metrics and refuses to publish below the threshold, exiting 1', async () => {
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/xgboost\s+0\.\d{4}\s+0\.\d{4}\nlogistic regression\s+0\.\d{4}\s+0\.\d{4}/);
    expect(refused.stdout).toContain('threshold      XGBoost AUC at least 0.9900 and above the baseline: NOT met');
    expect(refused.stdout).toContain('published      nothing');
    expect(refused.stderr).toMatch(/snowline: model not published: XGBoost AUC 0\.\d{4} is below the threshold 0\.9900\n$/);
    await expect(access(join(dir, 'refused'))).rejects.toThrow();
  });

  it('says when there is too little data to train, and publishes nothing', async () => {
    const tiny = await snowline('train', '--generate', '300', '--out', join(dir, 'tiny'), '--data-dir', join(dir, 'empty-data-dir'));
    expect(tiny.code).toBe(1);
    expect(tiny.stderr).toContain('snowline: not enough data to train: the training set has no observation whose 30-minute label window ends inside the data\n');
    await expect(access(join(dir, 'tiny'))).rejects.toThrow();
  }, 60_000);

  it.each([
    [['--min-auc', '1.5'], "option '--min-auc <auc>' argument '1.5' is invalid. --min-auc expects an AUC between 0 and 1, got \"1.5\"."],
    [['--generate', 'lots'], "option '--generate <events>' argument 'lots' is invalid. expected a whole number of at least 1, got \"lots\"."],
    [['--test-share', '1'], "option '--test-share <r>' argument '1' is invalid. --test-share expects a number between 0 and 1 (exclusive), got \"1\"."],
    [['--colour', 'red'], "error: unknown option '--colour'"],
  ])('names a bad flag: %j', async (args, message) => {
    const outcome = await snowline('train', ...args);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(message);
    expect(outcome.stdout).toBe('');
  });
});
