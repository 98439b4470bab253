import type { FeatureGroupDeclaration } from '../../schemas/feature-group-declaration';
import { PRODUCT_ACTIVITY, USER_ACTIVITY } from '../../schemas/feature-groups';
import { parseWindow } from '../features/parseWindow';
import { CATEGORY_DEFAULT, CATEGORY_VOCABULARIES, MAX_USER_EVENT_AGE_S, NUMERIC_DEFAULT, ONE_HOT_SEPARATOR, OTHER_CATEGORY, PRODUCT_PREFIX, USER_EVENT_AGE_FEATURE } from './constants';
import { ModelInputError } from './errors';
import type { ModelFeature, ModelInput } from './types';

/** The groups the model reads, with the prefix their inputs take, in column order. */
export const MODEL_GROUPS: readonly { readonly group: FeatureGroupDeclaration; readonly prefix: string }[] = Object.freeze([
  { group: USER_ACTIVITY, prefix: '' },
  { group: PRODUCT_ACTIVITY, prefix: PRODUCT_PREFIX },
]);

/**
 * Derives the model's inputs from the feature group declarations: every feature but the record
 * identifier and the event time, numeric features first-class, String features one-hot over
 * {@link CATEGORY_VOCABULARIES}, then the derived {@link USER_EVENT_AGE_FEATURE}.
 *
 * @throws ModelInputError for a String feature without a vocabulary (declare one before training).
 */
export function deriveModelInputs(groups = MODEL_GROUPS): ModelInput[] {
  const inputs: ModelInput[] = [];
  for (const { group, prefix } of groups) {
    for (const feature of group.features) {
      if (feature.name === group.recordIdentifierFeatureName || feature.name === group.eventTimeFeatureName) continue;
      const source = { group: group.name, feature: feature.name };
      const name = prefix + feature.name;
      const windowS = feature.window === null ? null : parseWindow(feature.window) / 1000;
      if (feature.type !== 'String') {
        inputs.push({ name, kind: 'numeric', source, windowS, default: NUMERIC_DEFAULT });
        continue;
      }
      const vocabulary = (CATEGORY_VOCABULARIES as Record<string, readonly string[]>)[name];
      if (vocabulary === undefined) {
        throw new ModelInputError(`feature group '${group.name}', feature '${feature.name}': a String feature needs a vocabulary in CATEGORY_VOCABULARIES['${name}'] to be a model input`);
      }
      inputs.push({ name, kind: 'category', source, windowS, default: CATEGORY_DEFAULT, categories: Object.freeze([...vocabulary, OTHER_CATEGORY]) });
    }
  }
  inputs.push({ name: USER_EVENT_AGE_FEATURE, kind: 'numeric', source: undefined, windowS: null, default: MAX_USER_EVENT_AGE_S });
  return inputs;
}

/** The columns that encode the inputs: a numeric input is one column, a String input one per category. */
export function deriveModelFeatures(inputs: readonly ModelInput[]): ModelFeature[] {
  return inputs.flatMap((input) =>
    input.kind === 'numeric'
      ? [{ name: input.name, input: input.name }]
      : input.categories!.map((category) => ({ name: input.name + ONE_HOT_SEPARATOR + category, input: input.name, category })),
  );
}

/** The model's inputs before encoding, in order (the names of `features` and `defaulted_features`). */
export const MODEL_INPUTS: readonly ModelInput[] = Object.freeze(deriveModelInputs().map((input) => Object.freeze(input)));

/** The model's input columns, in the model's order. */
export const MODEL_FEATURES: readonly ModelFeature[] = Object.freeze(deriveModelFeatures(MODEL_INPUTS).map((feature) => Object.freeze(feature)));

/**
 * The model's column names in order: what `snowline train` writes as the artifact's
 * `featureNames`, and what every feature vector follows.
 *
 * @example
 * ```ts
 * MODEL_FEATURE_NAMES.slice(0, 3); // ['page_views_5m', 'page_views_1h', 'events_1h']
 * ```
 */
export const MODEL_FEATURE_NAMES: readonly string[] = Object.freeze(MODEL_FEATURES.map((feature) => feature.name));
