import type { AttributeDefinition, CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import type { KeyAttribute, TableDefinition } from '../../stacks/config';
import { InvalidTableDefinitionError } from './errors';

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
const KEY_TYPES: readonly string[] = ['S', 'N', 'B'];

function keySchema(partitionKey: KeyAttribute, sortKey: KeyAttribute | undefined): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey.name, KeyType: 'HASH' },
    ...(sortKey === undefined ? [] : [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }]),
  ];
}

/**
 * The CreateTable input for a {@link TableDefinition} (on-demand billing), after checking the
 * definition: the table name, each key's type, and that an attribute used by several keys has
 * one type.
 *
 * @throws InvalidTableDefinitionError naming the table and the field.
 * @example
 * toCreateTableInput({ tableName: 'reports', partitionKey: { name: 'pk', type: 'S' } });
 * // { TableName: 'reports', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], ... }
 */
export function toCreateTableInput(definition: TableDefinition): CreateTableCommandInput {
  const { tableName } = definition;
  if (!TABLE_NAME.test(tableName)) throw new InvalidTableDefinitionError(tableName, 'tableName', 'must match [a-zA-Z0-9_.-]{3,255}');
  const attributes = new Map<string, string>();
  const use = (field: string, key: KeyAttribute | undefined): void => {
    if (key === undefined) return;
    if (key.name === '') throw new InvalidTableDefinitionError(tableName, field, 'must name an attribute');
    if (!KEY_TYPES.includes(key.type)) throw new InvalidTableDefinitionError(tableName, field, `type must be S, N or B, got ${key.type}`);
    const seen = attributes.get(key.name);
    if (seen !== undefined && seen !== key.type) {
      throw new InvalidTableDefinitionError(tableName, field, `gives attribute '${key.name}' type ${key.type}, elsewhere ${seen}`);
    }
    attributes.set(key.name, key.type);
  };
  use('partitionKey', definition.partitionKey);
  use('sortKey', definition.sortKey);
  const indexes = definition.globalSecondaryIndexes ?? [];
  indexes.forEach((index, i) => {
    use(`globalSecondaryIndexes[${i}].partitionKey`, index.partitionKey);
    use(`globalSecondaryIndexes[${i}].sortKey`, index.sortKey);
  });
  const attributeDefinitions: AttributeDefinition[] = [...attributes].map(([name, type]) => ({
    AttributeName: name,
    AttributeType: type as AttributeDefinition['AttributeType'],
  }));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeDefinitions,
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    ...(indexes.length === 0
      ? {}
      : {
          GlobalSecondaryIndexes: indexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: index.projection ?? 'ALL' },
          })),
        }),
  };
}
