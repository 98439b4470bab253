import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer } from '../../../local/sagemaker';
import { XgboostModelError } from '../../../local/sagemaker/xgboostErrors';
import { parseXgboostForest, predictForest } from '../../../local/sagemaker/xgboostForest';
import { createXgboostModel, loadXgboostModel } from '../../../local/sagemaker/xgboostModel';
import { trainSmallModel, xgboostPredict } from '../../model/pythonXgboost';

const ARTIFACT = join(import.meta.dirname, '..', '..', '..', 'model', 'propensity');
const TOLERANCE = 1e-6;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snowline-xgb-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Seeded rows: random values, NaN (missing) in some cells, and each tree's split thresholds exactly. */
function rowsFor(forest: ReturnType<typeof parseXgboostForest>, count: number, seed: number, scale: number): number[][] {
  const thresholds: number[][] = Array.from({ length: forest.numFeature }, () => []);
  for (const tree of forest.trees) for (let i = 0; i < tree.left.length; i++) if (tree.left[i] !== -1) thresholds[tree.feature[i]!]!.push(tree.value[i]!);
  return fc.sample(
    fc.array(
      fc.oneof(
        { arbitrary: fc.double({ min: -scale, max: scale, noNaN: true }), weight: 5 },
        { arbitrary: fc.constant(Number.NaN), weight: 1 },
        { arbitrary: fc.nat(1_000), weight: 2 },
        { arbitrary: fc.constant('threshold' as const), weight: 2 },
      ),
      { minLength: forest.numFeature, maxLength: forest.numFeature },
    ),
    { numRuns: count, seed },
  ).map((row) => row.map((v, column) => (v === 'threshold' ? (thresholds[column]![0] ?? 0) : (v as number))));
}

describe('the JS evaluator of XGBoost JSON models scores as xgboost.Booster.predict does', () => {
  it('on the committed artifact (model/propensity), including missing values and values on split thresholds', async () => {
    // Prepare
    const model = await loadXgboostModel(ARTIFACT);
    const forest = parseXgboostForest(JSON.parse(await readFile(join(ARTIFACT, 'model.json'), 'utf8')));
    const rows = [...rowsFor(forest, 300, 11, 50), model.featureNames.map(() => Number.NaN), model.featureNames.map(() => 0)];
    // Act
    const [ours, reference] = await Promise.all([model.predict(rows), xgboostPredict(join(ARTIFACT, 'model.json'), rows)]);
    // Assess
    expect(ours).toHaveLength(rows.length);
    const worst = Math.max(...ours.map((p, i) => Math.abs(p - reference[i]!)));
    expect(worst).toBeLessThan(TOLERANCE);
    expect(new Set(reference.map((p) => p.toFixed(4))).size).toBeGreaterThan(20); // the rows reach many leaves
  });

  it.each([
    { depth: 1, rounds: 3, features: 2 },
    { depth: 6, rounds: 40, features: 5, baseScore: 0.2 },
  ])('on a freshly trained model (depth $depth, $rounds rounds)', async (options) => {
    const file = join(dir, `small-${options.depth}.json`);
    await trainSmallModel(file, options);
    const json = JSON.parse(await readFile(file, 'utf8'));
    const forest = parseXgboostForest(json, file);
    const rows = rowsFor(forest, 400, options.depth, 3);
    const reference = await xgboostPredict(file, rows);
    const ours = rows.map((row) => predictForest(forest, row));
    expect(Math.max(...ours.map((p, i) => Math.abs(p - reference[i]!)))).toBeLessThan(TOLERANCE);
    expect(forest.trees).toHaveLength(options.rounds);
  });
});

describe('loading a model artifact', () => {
  const tiny = async () => {
    const file = join(dir, 'tiny.json');
    await trainSmallModel(file, { depth: 2, rounds: 2, features: 3 });
    return JSON.parse(await readFile(file, 'utf8'));
  };

  it('serves it through the model server: GET /ping, then CSV rows in, the reference scores out', async () => {
    const json = await tiny();
    const file = join(dir, 'tiny.json');
    const server = await startModelServer({ model: createXgboostModel(json, { name: 'tiny', version: 'tiny-1', featureNames: ['a', 'b', 'c'] }) });
    try {
      expect((await fetch(`${server.endpoint}/ping`)).status).toBe(200);
      const response = await fetch(`${server.endpoint}/invocations`, { method: 'POST', body: '0.5,-1,2\n-3,0,0.25\n', headers: { 'content-type': 'text/csv' } });
      const served = (await response.text()).split('\n').map(Number);
      const reference = await xgboostPredict(file, [[0.5, -1, 2], [-3, 0, 0.25]]);
      expect(served.map((p, i) => Math.abs(p - reference[i]!))).toEqual([expect.closeTo(0, 6), expect.closeTo(0, 6)]);
    } finally {
      await server.close();
    }
  });

  it('refuses a model it cannot serve, naming the file and the field', async () => {
    const json = await tiny();
    const withObjective = (name: string) => ({ ...json, learner: { ...json.learner, objective: { name } } });
    expect(() => parseXgboostForest(withObjective('reg:squarederror'), 'm.json')).toThrow(
      new XgboostModelError('m.json', 'learner.objective.name is "reg:squarederror"; only binary:logistic is served'),
    );
    expect(() => parseXgboostForest({ learner: {} }, 'm.json')).toThrow(/m\.json: learner\.learner_model_param: /);
    const broken = structuredClone(json);
    broken.learner.gradient_booster.model.trees[0].left_children[0] = 99;
    expect(() => parseXgboostForest(broken, 'm.json')).toThrow(/trees\.0: node 0 has children 99 and \d+, outside the tree/);
    expect(() => createXgboostModel(json, { name: 'x', version: 'x-1', featureNames: ['a', 'b'] }, 'm.json')).toThrow(
      'm.json: learner.learner_model_param.num_feature is 3, but the metadata names 2 features',
    );
    await expect(loadXgboostModel(join(dir, 'nowhere'))).rejects.toThrow(/nowhere\/metadata\.json: cannot be read/);
  });
});
