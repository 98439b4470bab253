/** A dynalite for a test suite, with a fresh copy of one table definition per test. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDbClient, createTables, startDynamoDb, type DynamoDbService } from '../../local/dynamodb';
import type { TableDefinition } from '../../stacks/config';

/** dynalite in memory: fresh tables of one definition, clients destroyed on close. */
export interface SuiteDb {
  readonly service: DynamoDbService;
  /** Creates an empty table of the definition under a new name and returns the name. */
  freshTable(): Promise<string>;
  /** A new client (destroyed by close()). */
  client(): DynamoDBClient;
  close(): Promise<void>;
}

let tables = 0;

/**
 * Starts dynalite (in memory) for a suite whose tables follow `table`, each named
 * `<namePrefix>-<pid>-<n>`.
 */
export async function startSuiteDb(table: TableDefinition, namePrefix: string): Promise<SuiteDb> {
  const service = await startDynamoDb();
  const admin = createLocalDynamoDbClient(service.endpoint);
  const clients: DynamoDBClient[] = [];
  return {
    service,
    async freshTable() {
      const tableName = `${namePrefix}-${process.pid}-${++tables}`;
      await createTables(admin, [{ ...table, tableName }]);
      return tableName;
    },
    client() {
      const client = createLocalDynamoDbClient(service.endpoint);
      clients.push(client);
      return client;
    },
    async close() {
      for (const c of clients) c.destroy();
      admin.destroy();
      await service.close();
    },
  };
}
