/**
 * The lake's Glue database and tables, generated from the schemas by lib/catalog.
 */
import { Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import type { LakeTableDefinition } from '../../lib/catalog';

/** The Hive Parquet storage of the raw and events tables. */
const PARQUET_STORAGE = {
  inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
} as const;

/** Props of {@link LakeCatalog}. */
export interface LakeCatalogProps {
  /** The Glue database name. */
  readonly databaseName: string;
  /** The tables, from `lakeTables` (lib/catalog). */
  readonly tables: readonly LakeTableDefinition[];
}

/**
 * A Glue database and one table per definition: Hive tables over Parquet (the raw DMS files, the
 * events archive with its partition projection) and Iceberg tables (the current state, which the
 * Glue job merges into). Nothing here lists a column: they come from the definitions.
 *
 * @example
 * ```ts
 * new LakeCatalog(this, 'Catalog', { databaseName: LAKE_DATABASE, tables: lakeTables({ lakeUri: `s3://${bucket.bucketName}` }) });
 * ```
 * @see https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog-tables.html
 */
export class LakeCatalog extends Construct {
  /** The database. */
  readonly database: glue.CfnDatabase;
  /** The tables, by Glue table name. */
  readonly tables: ReadonlyMap<string, glue.CfnTable>;
  /** The database name. */
  readonly databaseName: string;

  constructor(scope: Construct, id: string, props: LakeCatalogProps) {
    super(scope, id);
    const catalogId = Stack.of(this).account;
    this.databaseName = props.databaseName;
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId,
      databaseInput: { name: props.databaseName, description: 'Snowline lake: the shop database replicated by DMS (raw and current state) and the enriched events' },
    });
    const tables = new Map<string, glue.CfnTable>();
    for (const table of props.tables) {
      const columns = table.columns.map((c) => ({ name: c.name, type: c.type, comment: c.comment }));
      const cfn =
        table.format === 'iceberg'
          ? new glue.CfnTable(this, table.name, {
              catalogId,
              databaseName: props.databaseName,
              openTableFormatInput: { icebergInput: { metadataOperation: 'CREATE', version: '2' } },
              tableInput: { name: table.name, description: table.description, tableType: 'EXTERNAL_TABLE', storageDescriptor: { columns, location: table.location } },
            })
          : new glue.CfnTable(this, table.name, {
              catalogId,
              databaseName: props.databaseName,
              tableInput: {
                name: table.name,
                description: table.description,
                tableType: 'EXTERNAL_TABLE',
                parameters: table.parameters,
                partitionKeys: table.partitionKeys.map((c) => ({ name: c.name, type: c.type, comment: c.comment })),
                storageDescriptor: { columns, location: table.location, ...PARQUET_STORAGE },
              },
            });
      cfn.node.addDependency(this.database);
      tables.set(table.name, cfn);
    }
    this.tables = tables;
  }
}
