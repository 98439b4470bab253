import type { FeatureDeclaration, FeatureGroupDeclaration } from '../../schemas/feature-group-declaration';
import { FEATURE_GROUP_NAME_OR_ARN_PATTERN } from './constants';
import { ResourceNotFound } from './errors';

/** A served feature group, with its features indexed by name. */
export interface ServedGroup {
  readonly declaration: FeatureGroupDeclaration;
  readonly features: ReadonlyMap<string, FeatureDeclaration>;
  readonly recordIdentifier: FeatureDeclaration;
  readonly eventTime: FeatureDeclaration;
}

/**
 * The feature groups the service serves, looked up by name or ARN. Names are matched without
 * regard to case, as Feature Store does (its ARNs are lower case).
 */
export class FeatureGroupCatalog {
  private readonly byName = new Map<string, ServedGroup>();

  constructor(declarations: readonly FeatureGroupDeclaration[]) {
    for (const declaration of declarations) {
      const features = new Map(declaration.features.map((feature) => [feature.name, feature]));
      this.byName.set(declaration.name.toLowerCase(), {
        declaration,
        features,
        recordIdentifier: features.get(declaration.recordIdentifierFeatureName)!,
        eventTime: features.get(declaration.eventTimeFeatureName)!,
      });
    }
  }

  /** Every served group. */
  get groups(): ServedGroup[] {
    return [...this.byName.values()];
  }

  /** The group a request names, by name or ARN, or `undefined`. */
  find(nameOrArn: string): ServedGroup | undefined {
    const match = FEATURE_GROUP_NAME_OR_ARN_PATTERN.exec(nameOrArn);
    return match === null ? undefined : this.byName.get(match[2]!.toLowerCase());
  }

  /**
   * The group a request names.
   * @throws ResourceNotFound when no such group is served.
   */
  get(nameOrArn: string): ServedGroup {
    const group = this.find(nameOrArn);
    if (group === undefined) throw new ResourceNotFound(nameOrArn);
    return group;
  }
}
