import { z } from 'zod';
import { TtlUnit } from '../../schemas/feature-group-declaration';
import { DeletionMode, ExpirationTimeResponse, FEATURE_GROUP_NAME_OR_ARN_PATTERN, FEATURE_NAME_PATTERN, TargetStore } from './constants';

/** The zod pieces the operations' input schemas share, with the API model's constraints. */

/** `FeatureGroupNameOrArn`: 1 to 150 characters, a name or a feature group ARN. */
export const FeatureGroupNameSchema = z.string().min(1).max(150).regex(FEATURE_GROUP_NAME_OR_ARN_PATTERN);

/** `FeatureName`: 1 to 64 characters. */
export const FeatureNameSchema = z.string().min(1).max(64).regex(FEATURE_NAME_PATTERN);

/** `ValueAsString` and record identifiers: at most 358400 characters. */
export const ValueAsStringSchema = z.string().max(358_400);

/** `TargetStores`: one or two of OnlineStore, OfflineStore. */
export const TargetStoresSchema = z.array(z.enum([TargetStore.OnlineStore, TargetStore.OfflineStore])).min(1).max(2);

/** `TtlDuration`: a unit and a positive whole number of them. */
export const TtlDurationSchema = z.object({
  Unit: z.enum(Object.values(TtlUnit) as [TtlUnit, ...TtlUnit[]]),
  Value: z.number().int().min(1),
});

/** `ExpirationTimeResponse`. */
export const ExpirationTimeResponseSchema = z.enum([ExpirationTimeResponse.Enabled, ExpirationTimeResponse.Disabled]);

/** `DeletionMode`. */
export const DeletionModeSchema = z.enum([DeletionMode.SoftDelete, DeletionMode.HardDelete]);

/** `FeatureValue`: a scalar value or a collection's list. */
export const FeatureValueSchema = z.object({
  FeatureName: FeatureNameSchema,
  ValueAsString: ValueAsStringSchema.optional(),
  ValueAsStringList: z.array(ValueAsStringSchema).optional(),
});
