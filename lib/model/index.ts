export { MODEL_FEATURES, MODEL_FEATURE_NAMES, MODEL_GROUPS, MODEL_INPUTS, deriveModelFeatures, deriveModelInputs } from './modelFeatures';
export { toFeatureVector, contextProblems } from './toFeatureVector';
export { checkFeatureNames } from './checkFeatureNames';
export { readRecord } from './readRecord';
export * from './constants';
export * from './errors';
export type * from './types';
