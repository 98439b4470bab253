import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';

/** Requests the feature handler's clients sent, counted by {@link countFeatureRequests}. */
export interface FeatureRequestCounter {
  /** Requests by command name (e.g. `PutRecordCommand`, `QueryCommand`), every attempt that went out counted. */
  readonly byCommand: Readonly<Record<string, number>>;
  /** PutRecord requests sent to Feature Store. */
  putRecords(): number;
  /** State writes: UpdateItem, PutItem, DeleteItem, BatchWriteItem, TransactWriteItems. */
  stateWrites(): number;
  /** State reads: Query, GetItem, BatchGetItem. */
  stateReads(): number;
  /** Starts again from zero. */
  reset(): void;
  /** Removes the counting middleware from the clients. */
  detach(): void;
}

const WRITES = new Set(['UpdateItemCommand', 'PutItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);
const READS = new Set(['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand']);
let counters = 0;

/**
 * Counts the requests the feature handler's DynamoDB and Feature Store clients send, with a
 * middleware in the deserialize step (each attempt that goes out, the SDK's own retries included):
 * for the benchmark of PutRecords and state writes per 1,000 events, and for tests.
 *
 * @example
 * const counter = countFeatureRequests({ dynamodb, featureStore });
 * await handler(event);
 * counter.putRecords(); counter.stateWrites();
 */
export function countFeatureRequests(clients: { readonly dynamodb?: DynamoDBClient; readonly featureStore?: SageMakerFeatureStoreRuntimeClient }): FeatureRequestCounter {
  const byCommand: Record<string, number> = {};
  const name = `snowlineFeatureCounter${++counters}`;
  const middleware = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
    const command = context.commandName ?? 'unknown';
    byCommand[command] = (byCommand[command] ?? 0) + 1;
    return next(args);
  };
  const stacks = [clients.dynamodb?.middlewareStack, clients.featureStore?.middlewareStack].filter((s) => s !== undefined);
  for (const stack of stacks) (stack as { add: (m: unknown, o: object) => void }).add(middleware, { step: 'deserialize', name });
  const sum = (set: Set<string>) => Object.entries(byCommand).reduce((n, [command, count]) => n + (set.has(command) ? count : 0), 0);
  return {
    byCommand,
    putRecords: () => byCommand.PutRecordCommand ?? 0,
    stateWrites: () => sum(WRITES),
    stateReads: () => sum(READS),
    reset: () => {
      for (const command of Object.keys(byCommand)) delete byCommand[command];
    },
    detach: () => {
      for (const stack of stacks) stack.remove(name);
    },
  };
}
