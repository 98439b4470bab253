import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  ResourceNotFoundException,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../stacks/config';
import { resolveDynamoDbClient } from './createLocalDynamoDbClient';
import { TableKeyMismatchError, TableNotActiveError } from './errors';
import { toCreateTableInput } from './toCreateTableInput';
import type { CreateTablesOptions } from './types';

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

const shape = (keys: readonly KeySchemaElement[] | undefined, indexes: readonly (string | undefined)[]): string =>
  `${(keys ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(',')}` +
  (indexes.length === 0 ? '' : ` indexes ${[...indexes].sort().join(',')}`);

async function waitActive(client: DynamoDBClient, tableName: string, options: CreateTablesOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started = Date.now();
  for (;;) {
    const table = await describe(client, tableName);
    if (table?.TableStatus === 'ACTIVE') return;
    if (Date.now() - started >= timeoutMs) throw new TableNotActiveError(tableName, Date.now() - started, table?.TableStatus);
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 20));
  }
}

/**
 * Creates each table that does not exist yet and waits until it is ACTIVE. Idempotent: an
 * existing table (a restart on disk) is kept with its items, after checking that its key schema
 * and index names still match the definition.
 *
 * @throws InvalidTableDefinitionError for a definition that cannot be created.
 * @throws TableKeyMismatchError when an existing table's keys or indexes differ from the definition.
 * @example
 * await createTables('http://127.0.0.1:4568', TABLES);
 */
export async function createTables(
  dynamodb: DynamoDBClient | string,
  definitions: readonly TableDefinition[],
  options: CreateTablesOptions = {},
): Promise<void> {
  const inputs = definitions.map(toCreateTableInput);
  const { client, owned } = resolveDynamoDbClient(dynamodb);
  try {
    for (const input of inputs) {
      const tableName = input.TableName!;
      const existing = await describe(client, tableName);
      if (existing === undefined) {
        await client.send(new CreateTableCommand(input));
      } else {
        const expected = shape(input.KeySchema, (input.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
        const actual = shape(existing.KeySchema, (existing.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
        if (expected !== actual) throw new TableKeyMismatchError(tableName, expected, actual);
      }
      await waitActive(client, tableName, options);
    }
  } finally {
    if (owned) client.destroy();
  }
}
