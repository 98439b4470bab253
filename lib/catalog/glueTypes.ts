import type { ShopColumnType } from '../../schemas/shop';

/**
 * The Glue (and Spark, and Iceberg) type of each shop column type: the types the DMS Parquet
 * files carry and the merged tables keep.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/data-types.html
 */
export const GLUE_TYPES: Readonly<Record<ShopColumnType, string>> = {
  text: 'string',
  integer: 'int',
  bigint: 'bigint',
  decimal: 'decimal(12,2)',
  timestamp: 'timestamp',
  boolean: 'boolean',
};
