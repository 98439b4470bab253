import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFeatureNames, MODEL_FEATURE_NAMES } from '../../lib/model';
import { DEFAULT_MIN_AUC, ModelMetadataSchema } from '../../lib/training';
import { createPlaceholderModel, PLACEHOLDER_VERSION } from '../../local/sagemaker';
import { loadServedModel, PUBLISHED_MODEL_DIR } from '../../local/sagemaker/loadServedModel';

const metadata = async () => ModelMetadataSchema.parse(JSON.parse(await readFile(join(PUBLISHED_MODEL_DIR, 'metadata.json'), 'utf8')));

describe('the committed model artifact (model/propensity)', () => {
  it('reads its features in MODEL_FEATURE_NAMES order, so the vectors the handler builds mean what it learned', async () => {
    const { featureNames, name, version } = await metadata();
    expect(featureNames).toEqual(MODEL_FEATURE_NAMES);
    expect(() => checkFeatureNames(`${name}@${version}`, featureNames)).not.toThrow();
  });

  it('was published by snowline train: versioned, on generated data, meeting the default threshold and beating the baseline', async () => {
    const m = await metadata();
    expect(m.version).toMatch(/^propensity-xgb-\d{8}T\d{6}Z-[0-9a-f]{7}$/);
    expect(m.source).toBe('generated');
    expect(m.threshold.minAuc).toBe(DEFAULT_MIN_AUC);
    expect(m.metrics.xgboost.auc).toBeGreaterThanOrEqual(DEFAULT_MIN_AUC);
    expect(m.metrics.xgboost.auc).toBeGreaterThan(m.metrics.logistic.auc);
    expect(m.rows.train).toBeGreaterThan(10_000);
  });

  it('is what snowline up serves, with its version; the placeholder only where there is no artifact', async () => {
    const fallback = () => createPlaceholderModel({ featureNames: ['a'] });
    const served = await loadServedModel(PUBLISHED_MODEL_DIR, fallback);
    expect(served.version).toBe((await metadata()).version);
    expect(served.featureNames).toEqual(MODEL_FEATURE_NAMES);
    const [score] = await served.predict([MODEL_FEATURE_NAMES.map(() => 0)]);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
    expect((await loadServedModel(join(PUBLISHED_MODEL_DIR, 'absent'), fallback)).version).toBe(PLACEHOLDER_VERSION);
  });
});
