import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's Python with xgboost 1.7 (the `python3` on PATH may lack it). */
export const PYTHON = '/usr/bin/python3';

/** `model/predict.py`: XGBoost's own `predict`. */
const PREDICT = join(import.meta.dirname, '..', '..', 'model', 'predict.py');

/** Scores `rows` (NaN is missing) with xgboost's `Booster.predict` on the model file. */
export async function xgboostPredict(modelFile: string, rows: readonly (readonly number[])[]): Promise<number[]> {
  const csv = rows.map((row) => row.map((v) => (Number.isNaN(v) ? '' : String(v))).join(',')).join('\n');
  const child = run(PYTHON, [PREDICT, modelFile], { maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin!.end(csv);
  return JSON.parse((await child).stdout) as number[];
}

/**
 * Trains a small binary:logistic model with xgboost on seeded random data holding NaNs, and saves
 * it as JSON to `file`: `features` columns, trees of `depth`.
 */
export async function trainSmallModel(file: string, options: { features: number; depth: number; rounds: number; baseScore?: number; seed?: number }): Promise<void> {
  const script = `
import numpy as np, xgboost as xgb, sys
rng = np.random.default_rng(${options.seed ?? 7})
x = rng.normal(size=(600, ${options.features})).astype(np.float32)
x[rng.random(x.shape) < 0.15] = np.nan
y = ((np.nan_to_num(x[:, 0]) + 0.5 * np.nan_to_num(x[:, 1 % x.shape[1]]) + rng.normal(scale=0.7, size=600)) > 0).astype(float)
params = {"objective": "binary:logistic", "max_depth": ${options.depth}, "eta": 0.3, "nthread": 1, "seed": 1, "base_score": ${options.baseScore ?? 0.5}}
xgb.train(params, xgb.DMatrix(x, label=y, missing=np.nan), ${options.rounds}).save_model(sys.argv[1])
`;
  await run(PYTHON, ['-c', script, file]);
}
