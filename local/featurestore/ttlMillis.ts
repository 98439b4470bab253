import type { TtlUnit } from '../../schemas/feature-group-declaration';

const UNIT_MS: Record<TtlUnit, number> = {
  Seconds: 1_000,
  Minutes: 60_000,
  Hours: 3_600_000,
  Days: 86_400_000,
  Weeks: 604_800_000,
};

/**
 * The length of a Feature Store `TtlDuration` in milliseconds.
 *
 * @example
 * ```ts
 * ttlMillis({ Unit: 'Minutes', Value: 5 }); // 300000
 * ```
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_TtlDuration.html
 */
export function ttlMillis(duration: { readonly Unit: TtlUnit; readonly Value: number }): number {
  return UNIT_MS[duration.Unit] * duration.Value;
}
