import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Model } from './model';
import { loadXgboostModel, XGBOOST_ARTIFACT_FILES } from './xgboostModel';

/** The published propensity model (`snowline train` writes it; committed), which `snowline up` serves. */
export const PUBLISHED_MODEL_DIR = join(import.meta.dirname, '..', '..', 'model', 'propensity');

/**
 * The model the local endpoint serves: the trained artifact in `dir` when it has a
 * `metadata.json`, else `fallback()` (the placeholder). An artifact that is there but cannot be
 * loaded rejects, naming the file and field, so the model server's `/ping` says why rather than
 * a stand-in being served silently.
 *
 * @example
 * ```ts
 * startModelServer({ model: loadServedModel(PUBLISHED_MODEL_DIR, () => createPlaceholderModel({ featureNames })) });
 * ```
 */
export async function loadServedModel(dir: string, fallback: () => Model): Promise<Model> {
  try {
    await access(join(dir, XGBOOST_ARTIFACT_FILES.metadata));
  } catch {
    return fallback();
  }
  return loadXgboostModel(dir);
}
