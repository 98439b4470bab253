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

/** A fault to inject into a real client's requests. */
export interface FaultRule {
  /** The command, e.g. `UpdateItemCommand`. */
  readonly command: string;
  /** Only requests this input matches. @default all */
  readonly when?: (input: Record<string, unknown>) => boolean;
  /** Matching requests let through before the faults start. @default 0 */
  readonly skip?: number;
  /** How many faults to inject. @default Infinity */
  readonly times?: number;
  /** `before`: the request never reaches DynamoDB; `after`: it is applied and then its response is lost. */
  readonly phase: 'before' | 'after';
  /** The error to throw. */
  readonly error: () => Error;
}

/** What an injected fault did. */
export interface Injection {
  /** Faults injected so far. */
  readonly injected: number;
  /** Matching requests seen so far. */
  readonly seen: number;
  remove(): void;
}

let injections = 0;

/**
 * Injects faults with a middleware on a REAL SDK client (outside the SDK's own retries): nothing
 * is stubbed, every request that is let through goes to dynalite and is applied.
 */
export function injectFaults(client: DynamoDBClient, rule: FaultRule): Injection {
  const name = `snowlineFault${++injections}`;
  const state = { injected: 0, seen: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: Record<string, unknown> }).input;
      if (context.commandName !== rule.command || (rule.when !== undefined && !rule.when(input))) return next(args);
      state.seen++;
      if (state.seen <= (rule.skip ?? 0) || state.injected >= (rule.times ?? Infinity)) return next(args);
      state.injected++;
      if (rule.phase === 'before') throw rule.error();
      await next(args);
      throw rule.error();
    },
    { step: 'initialize', name },
  );
  return {
    get injected() {
      return state.injected;
    },
    get seen() {
      return state.seen;
    },
    remove: () => client.middlewareStack.remove(name),
  };
}

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
