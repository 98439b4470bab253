import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelMetadataSchema, type ModelMetadata } from '../../lib/training/metadata';
import type { Model } from './model';
import { XgboostModelError } from './xgboostErrors';
import { parseXgboostForest, predictForest } from './xgboostForest';

/** The files of a published model artifact, in its folder. */
export const XGBOOST_ARTIFACT_FILES = { model: 'model.json', metadata: 'metadata.json' } as const;

/**
 * A {@link Model} over a parsed XGBoost JSON model: the local model server serves the same
 * `model.json` SageMaker's built-in XGBoost container serves on AWS, evaluated in JS with
 * XGBoost's own rules (see predictForest), so scores equal the library's.
 *
 * @throws XgboostModelError when the model reads more columns than `featureNames` holds.
 */
export function createXgboostModel(json: unknown, metadata: Pick<ModelMetadata, 'name' | 'version' | 'featureNames'>, file = '<inline>'): Model {
  const forest = parseXgboostForest(json, file);
  if (forest.numFeature !== metadata.featureNames.length) {
    throw new XgboostModelError(file, `learner.learner_model_param.num_feature is ${forest.numFeature}, but the metadata names ${metadata.featureNames.length} features`);
  }
  return {
    name: metadata.name,
    version: metadata.version,
    featureNames: metadata.featureNames,
    predict: (rows) => rows.map((row) => predictForest(forest, row)),
  };
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new XgboostModelError(file, `cannot be read (${(cause as Error).message})`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new XgboostModelError(file, `is not JSON (${(cause as Error).message})`, { cause });
  }
}

/**
 * Loads a published artifact folder (`model.json` and `metadata.json`, as `snowline train`
 * writes them) as a {@link Model} whose version is the artifact's.
 *
 * @throws XgboostModelError naming the file and field at fault.
 * @example
 * ```ts
 * const model = await loadXgboostModel('model/propensity');
 * model.version; // 'propensity-xgb-20261122T053000Z-1a2b3c4'
 * ```
 */
export async function loadXgboostModel(dir: string): Promise<Model & { readonly metadata: ModelMetadata }> {
  const metadataFile = join(dir, XGBOOST_ARTIFACT_FILES.metadata);
  const parsed = ModelMetadataSchema.safeParse(await readJson(metadataFile));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new XgboostModelError(metadataFile, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const modelFile = join(dir, XGBOOST_ARTIFACT_FILES.model);
  return { ...createXgboostModel(await readJson(modelFile), parsed.data, modelFile), metadata: parsed.data };
}
