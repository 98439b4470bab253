/** Shared pieces of the report store and handler suites: a dynalite, tables, and fault injection on real clients. */
import { DynamoDBClient, InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDbClient, createTables, startDynamoDb } from '../../../local/dynamodb';
import type { DynamoDbService } from '../../../local/dynamodb';
import { REPORTS_TABLE } from '../../../stacks/config';

/** A dynalite in memory, with a fresh reports table per test. */
export interface ReportsDb {
  readonly service: DynamoDbService;
  /** Creates an empty reports table and returns its name. */
  freshTable(): Promise<string>;
  /** A new client (destroyed by close()). */
  client(): DynamoDBClient;
  close(): Promise<void>;
}

let tables = 0;

/** Starts dynalite (in memory) for a suite. */
export async function startReportsDb(): Promise<ReportsDb> {
  const service = await startDynamoDb();
  const clients: DynamoDBClient[] = [];
  const admin = createLocalDynamoDbClient(service.endpoint);
  return {
    service,
    async freshTable() {
      const tableName = `reports-${process.pid}-${++tables}`;
      await createTables(admin, [{ ...REPORTS_TABLE, tableName }]);
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

export { injectFault as injectFaults, type Fault as FaultRule, type Injection } from '../../helpers/faults';

/** DynamoDB's throttling error, as the SDK raises it. */
export const throttled = () => new ProvisionedThroughputExceededException({ message: 'The level of configured provisioned throughput for the table was exceeded (injected)', $metadata: { httpStatusCode: 400 } });

/** A 500 from DynamoDB, as the SDK raises it. */
export const internalError = () => new InternalServerError({ message: 'Internal server error (injected)', $metadata: { httpStatusCode: 500 } });

/** The process dying: not an AWS error, not retryable. */
export const crash = () => Object.assign(new Error('the process crashed (injected)'), { name: 'InjectedCrash' });

/** The key of an UpdateItem/GetItem input, as `pk/sk`. */
export const keyOf = (input: Record<string, unknown>): string => {
  const key = input.Key as { pk: { S: string }; sk: { S: string } };
  return `${key.pk.S}/${key.sk.S}`;
};

/** Retry options that do not wait. */
export const NO_WAIT = { baseDelayMs: 0, maxDelayMs: 0 } as const;
