import { join } from 'node:path';

/**
 * The Parquet files of a feature group's offline store, as a glob for DuckDB: every file under
 * the group folder's `data/year=/month=/day=/hour=` partitions.
 *
 * @example
 * ```ts
 * offlineStoreFiles('/lake/feature-store/000000000000/sagemaker/us-east-1/offline-store/user_activity-1763812800');
 * // '/lake/feature-store/.../user_activity-1763812800/data/*\/*\/*\/*\/*.parquet'
 * ```
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-offline.html
 */
export function offlineStoreFiles(groupFolder: string): string {
  return join(groupFolder, 'data', '*', '*', '*', '*', '*.parquet');
}
