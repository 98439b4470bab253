import type { FeatureGroupDeclaration, FeatureType } from './feature-group-declaration';

/** One entry of CreateFeatureGroup's `FeatureDefinitions`. */
export interface FeatureDefinition {
  readonly FeatureName: string;
  readonly FeatureType: FeatureType;
}

/**
 * Turns a feature group declaration into CreateFeatureGroup's `FeatureDefinitions`, in
 * declaration order, so the CDK stack and the local service derive the same schema.
 *
 * @example
 * ```ts
 * toFeatureDefinitions(PRODUCT_ACTIVITY)[0]; // { FeatureName: 'sku', FeatureType: 'String' }
 * ```
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_FeatureDefinition.html
 */
export function toFeatureDefinitions(group: FeatureGroupDeclaration): FeatureDefinition[] {
  return group.features.map((feature) => ({ FeatureName: feature.name, FeatureType: feature.type }));
}
