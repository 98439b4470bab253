/**
 * A DynamoDB table built from a shared {@link TableDefinition}, the one way every Snowline table is.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../config';
import { checkTableDefinition } from './table-definition-checks';

/** DynamoDB's scalar type letters, as the CDK names them. */
const ATTRIBUTE_TYPES = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
} as const satisfies Record<KeyAttribute['type'], dynamodb.AttributeType>;

/** The index projections a definition may name, as the CDK names them. */
const PROJECTION_TYPES = {
  ALL: dynamodb.ProjectionType.ALL,
  KEYS_ONLY: dynamodb.ProjectionType.KEYS_ONLY,
} as const;

/** Props of {@link SnowlineTable}. */
export interface SnowlineTableProps {
  /**
   * The table: its name, keys, TTL attribute and indexes, the same object `snowline up` creates
   * the local table from. Names are 3-255 of `[a-zA-Z0-9_.-]`; key types `S`, `N` or `B`.
   */
  readonly definition: TableDefinition;
  /**
   * The customer-managed key that encrypts the table. Pass the stream stack's key to share one
   * key per app.
   *
   * @default - a new customer-managed key with yearly rotation
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * What happens to the table when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A DynamoDB table from a {@link TableDefinition}: on-demand (PAY_PER_REQUEST) billing,
 * point-in-time recovery, encryption with a customer-managed KMS key, and the definition's TTL
 * attribute, keys and global secondary indexes.
 *
 * Its grant methods also grant the key, so a handler needs nothing else to read or write it.
 *
 * @example
 * ```ts
 * const reports = new SnowlineTable(this, 'Reports', { definition: REPORTS_TABLE, encryptionKey });
 * reports.grantReadWriteData(reportFunction);
 * ```
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
 */
export class SnowlineTable extends Construct {
  /** The table. */
  readonly table: dynamodb.Table;
  /** The key that encrypts it. */
  readonly encryptionKey: kms.IKey;
  /** The definition it was built from. */
  readonly definition: TableDefinition;

  constructor(scope: Construct, id: string, props: SnowlineTableProps) {
    super(scope, id);
    const { definition } = props;
    checkTableDefinition(this, 'definition', definition);
    this.definition = definition;

    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: `Snowline: encrypts the DynamoDB table ${definition.tableName}`,
        enableKeyRotation: true,
      });
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: definition.tableName,
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.encryptionKey,
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    for (const index of definition.globalSecondaryIndexes ?? []) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: PROJECTION_TYPES[index.projection ?? 'ALL'],
      });
    }
  }

  /** The table's name (the definition's `tableName`). */
  get tableName(): string {
    return this.table.tableName;
  }

  /** The table's ARN. */
  get tableArn(): string {
    return this.table.tableArn;
  }

  /** Grants reading items (Get, BatchGet, Query, Scan) and decrypting with the table's key. */
  grantReadData(grantee: iam.IGrantable): iam.Grant {
    return this.table.grantReadData(grantee);
  }

  /** Grants reading and writing items (also Put, Update, Delete, BatchWrite) and the key for both. */
  grantReadWriteData(grantee: iam.IGrantable): iam.Grant {
    return this.table.grantReadWriteData(grantee);
  }
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: ATTRIBUTE_TYPES[key.type] };
}
