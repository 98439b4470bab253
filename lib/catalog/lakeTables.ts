import { SHOP_SCHEMA, SHOP_TABLES, type ShopTable } from '../../schemas/shop';
import { CURRENT_PREFIX, EVENTS_PREFIX, GLUE_TABLE_NAMES } from './constants';
import { EVENTS_PARTITION, eventsColumns } from './eventsColumns';
import { currentTableColumns } from './shopColumns';
import type { GlueColumn } from './types';

/** One table of the lake's Glue database, engine-neutral: the CDK turns it into a `CfnTable`. */
export interface LakeTableDefinition {
  /** The Glue table name. */
  readonly name: string;
  readonly description: string;
  /** `parquet`: a Hive table over Parquet files; `iceberg`: an Iceberg table the Glue job merges into. */
  readonly format: 'parquet' | 'iceberg';
  /** `s3://bucket/prefix/`, ending in `/`. */
  readonly location: string;
  readonly columns: readonly GlueColumn[];
  readonly partitionKeys: readonly GlueColumn[];
  /** Table parameters (classification, partition projection). */
  readonly parameters: Readonly<Record<string, string>>;
}

/** Options of {@link lakeTables}. */
export interface LakeTablesOptions {
  /** The lake bucket as `s3://bucket` (no trailing `/`). */
  readonly lakeUri: string;
  /** The shop tables. @default SHOP_TABLES */
  readonly shopTables?: readonly ShopTable[];
  /** The first date of the events' partition projection, `YYYY-MM-DD`. @default '2026-01-01' */
  readonly eventsFrom?: string;
}

/**
 * The Glue tables of the lake, all derived from the schemas: per shop table its current state
 * (`<table>`, Iceberg, personal columns pseudonymised by the merge), then the events archive
 * (`events`, Parquet partitioned by `date` with partition projection, so no crawler or
 * `MSCK REPAIR` is needed). The raw DMS files get no table: they hold personal values in clear
 * and stay in the landing zone, which only the merge job reads.
 *
 * @example
 * ```ts
 * lakeTables({ lakeUri: 's3://snowline-lake' }).map((t) => t.name);
 * // ['customers', 'products', 'orders', 'order_items', 'events']
 * ```
 * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html
 */
export function lakeTables(options: LakeTablesOptions): LakeTableDefinition[] {
  const parquet = { classification: 'parquet', EXTERNAL: 'TRUE' };
  const shop = (options.shopTables ?? SHOP_TABLES).map(
    (table): LakeTableDefinition => ({
      name: GLUE_TABLE_NAMES.current(table.name),
      description: `Current state of ${SHOP_SCHEMA}.${table.name}, merged by the Glue job: ${table.description}`,
      format: 'iceberg',
      location: `${options.lakeUri}/${CURRENT_PREFIX}/${table.name}/`,
      columns: currentTableColumns(table),
      partitionKeys: [],
      parameters: {},
    }),
  );
  const eventsLocation = `${options.lakeUri}/${EVENTS_PREFIX}/`;
  const events: LakeTableDefinition = {
    name: GLUE_TABLE_NAMES.events,
    description: 'Snowplow enriched events, personal fields pseudonymised, partitioned by collector date',
    format: 'parquet',
    location: eventsLocation,
    columns: eventsColumns(),
    partitionKeys: [EVENTS_PARTITION],
    parameters: {
      ...parquet,
      'projection.enabled': 'true',
      'projection.date.type': 'date',
      'projection.date.format': 'yyyy-MM-dd',
      'projection.date.range': `${options.eventsFrom ?? '2026-01-01'},NOW`,
      'projection.date.interval': '1',
      'projection.date.interval.unit': 'DAYS',
      'storage.location.template': `${eventsLocation}date=\${date}/`,
    },
  };
  return [...shop, events];
}
