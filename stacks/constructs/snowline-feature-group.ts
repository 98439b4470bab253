/**
 * A SageMaker Feature Store feature group built from its one declaration in
 * `schemas/feature-groups.ts`.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { toFeatureDefinitions } from '../../schemas/feature-definitions';
import type { FeatureGroupDeclaration } from '../../schemas/feature-group-declaration';
import { invalid } from '../prop-checks';
import { checkFeatureGroupDeclaration } from './feature-group-checks';
import type { OfflineFeatureStore } from './offline-feature-store';

/** What a writer of records does: `PutRecord` only (no reads, no deletes). */
export const PUT_RECORD_ACTIONS = ['sagemaker:PutRecord'] as const;

/** What every data-plane caller of a KMS-encrypted online store needs on its key. */
export const ONLINE_STORE_CALLER_KEY_ACTIONS = ['kms:Decrypt'] as const;

/** Props of {@link SnowlineFeatureGroup}. */
export interface SnowlineFeatureGroupProps {
  /**
   * The group as declared (`schemas/feature-groups.ts`): its name (1-64 of
   * `[a-zA-Z0-9]` with `-`/`_` between), record identifier, event time, TTL, stores and 1-2500
   * features. It is validated again here, so a hand-built object fails naming its field.
   */
  readonly declaration: FeatureGroupDeclaration;
  /** The customer-managed key that encrypts the online store. */
  readonly encryptionKey: kms.IKey;
  /**
   * Where the offline store lives and the role Feature Store writes it with. Required when the
   * declaration has `offlineStore: true`, ignored otherwise.
   *
   * @default - none
   */
  readonly offlineStore?: OfflineFeatureStore;
}

/**
 * An `AWS::SageMaker::FeatureGroup` whose name, record identifier, event time, feature
 * definitions (`toFeatureDefinitions`, as the local Feature Store derives them) and online TTL
 * come from its declaration; the online store is encrypted with a customer-managed key; the
 * offline store writes to an {@link OfflineFeatureStore}, where Feature Store creates the
 * group's Glue table.
 *
 * @example
 * ```ts
 * const group = new SnowlineFeatureGroup(this, 'UserActivity', { declaration: USER_ACTIVITY, encryptionKey, offlineStore });
 * group.grantPutRecord(featureFunction);
 * ```
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateFeatureGroup.html
 */
export class SnowlineFeatureGroup extends Construct {
  /** The feature group resource. */
  readonly featureGroup: sagemaker.CfnFeatureGroup;
  /** The declaration it was built from. */
  readonly declaration: FeatureGroupDeclaration;
  /** The key that encrypts the online store. */
  readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: SnowlineFeatureGroupProps) {
    super(scope, id);
    checkFeatureGroupDeclaration(this, 'declaration', props.declaration);
    const declaration = props.declaration;
    if (declaration.offlineStore && props.offlineStore === undefined) {
      throw invalid(this, 'offlineStore', undefined, `an OfflineFeatureStore, since ${declaration.name} declares an offline store`);
    }
    this.declaration = declaration;
    this.encryptionKey = props.encryptionKey;
    const offline = declaration.offlineStore ? props.offlineStore : undefined;

    this.featureGroup = new sagemaker.CfnFeatureGroup(this, 'FeatureGroup', {
      featureGroupName: declaration.name,
      description: declaration.description,
      recordIdentifierFeatureName: declaration.recordIdentifierFeatureName,
      eventTimeFeatureName: declaration.eventTimeFeatureName,
      featureDefinitions: toFeatureDefinitions(declaration).map((d) => ({ featureName: d.FeatureName, featureType: d.FeatureType })),
      onlineStoreConfig: declaration.onlineStore
        ? {
            EnableOnlineStore: true,
            SecurityConfig: { KmsKeyId: props.encryptionKey.keyArn },
            ...(declaration.ttl ? { TtlDuration: { Unit: declaration.ttl.unit, Value: declaration.ttl.value } } : {}),
          }
        : { EnableOnlineStore: false },
      ...(offline
        ? {
            offlineStoreConfig: {
              S3StorageConfig: { S3Uri: offline.s3Uri, KmsKeyId: offline.encryptionKey.keyArn },
              // Feature Store creates and updates the group's table in sagemaker_featurestore.
              DisableGlueTableCreation: false,
            },
            roleArn: offline.role.roleArn,
          }
        : {}),
    });
    // CreateFeatureGroup checks that the role can write the bucket, so the role's policy comes first.
    if (offline) this.featureGroup.node.addDependency(offline.role);
  }

  /** The feature group's name (the declaration's). */
  get featureGroupName(): string {
    return this.declaration.name;
  }

  /** The feature group's ARN; SageMaker lower-cases the name in it. */
  get featureGroupArn(): string {
    return Stack.of(this).formatArn({
      service: 'sagemaker',
      resource: 'feature-group',
      resourceName: this.declaration.name.toLowerCase(),
    });
  }

  /**
   * Grants `sagemaker:PutRecord` on this group only, and `kms:Decrypt` on the online store's key
   * (which every data-plane call needs).
   */
  grantPutRecord(grantee: iam.IGrantable): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: [...PUT_RECORD_ACTIONS],
      resourceArns: [this.featureGroupArn],
    });
    if (this.declaration.onlineStore) this.encryptionKey.grant(grantee, ...ONLINE_STORE_CALLER_KEY_ACTIONS);
    return grant;
  }
}
