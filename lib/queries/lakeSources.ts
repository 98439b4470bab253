import { join } from 'node:path';
import type { ParquetSource } from './types';

/** One input a query of `queries/` can name, as the local lake holds it. */
export interface LakeInput {
  /** The placeholder's name, e.g. `events`. */
  readonly name: string;
  /** The files, as a DuckDB glob. */
  readonly source: ParquetSource;
  /** The folder the files are under, for messages. */
  readonly folder: string;
  /** What writes them, for the message when there are none, e.g. `the events archiver, once a minute`. */
  readonly filledBy: string;
}

const SHOP_TABLE_INPUTS = ['customers', 'products', 'orders', 'order_items'] as const;
const FEATURE_GROUP_INPUTS = ['user_activity', 'product_activity'] as const;

/**
 * Every input the queries of `queries/` may name, mapped to the local lake's files (the S3 keys
 * of the lake bucket, under `lakeDir`):
 * - `events`: the events archive, `events/date=YYYY-MM-DD/*.parquet` (`date` read as a column);
 * - `customers`, `products`, `orders`, `order_items`: the merged current-state tables,
 *   `current/<table>/*.parquet`;
 * - `user_activity`, `product_activity`: the Feature Store offline store,
 *   `feature-store/<account>/sagemaker/<region>/offline-store/<group>-<created>/data/year=/month=/day=/hour=/*.parquet`.
 *
 * @example
 * ```ts
 * const inputs = lakeSources('.snowline/lake');
 * toDuckDb(sql, Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.source])));
 * ```
 */
export function lakeSources(lakeDir: string): Readonly<Record<string, LakeInput>> {
  const inputs: LakeInput[] = [
    {
      name: 'events',
      source: { parquet: join(lakeDir, 'events', '*', '*.parquet') },
      folder: join(lakeDir, 'events'),
      filledBy: 'the events archiver, once a minute',
    },
    ...SHOP_TABLE_INPUTS.map((table) => ({
      name: table,
      source: { parquet: join(lakeDir, 'current', table, '*.parquet'), hivePartitioning: false },
      folder: join(lakeDir, 'current', table),
      filledBy: `the lake merge, from the replicated shop database's DMS files in the landing zone (landing/shop/public/${table}, beside the lake)`,
    })),
    ...FEATURE_GROUP_INPUTS.map((group) => ({
      name: group,
      source: { parquet: join(lakeDir, 'feature-store', '*', 'sagemaker', '*', 'offline-store', `${group}-*`, 'data', '*', '*', '*', '*', '*.parquet') },
      folder: join(lakeDir, 'feature-store'),
      filledBy: `the Feature Store's offline store, as the feature handler writes ${group}`,
    })),
  ];
  return Object.fromEntries(inputs.map((input) => [input.name, input]));
}
