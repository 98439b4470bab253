import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Requests a client sent, by command, counted by {@link countWrites}. */
export interface WriteCounter {
  /** Requests by command name (e.g. `UpdateItemCommand`), every attempt that went out counted. */
  readonly byCommand: Readonly<Record<string, number>>;
  /** UpdateItem, PutItem, DeleteItem, BatchWriteItem and TransactWriteItems requests. */
  writes(): number;
  /** Starts again from zero. */
  reset(): void;
  /** Removes the counting middleware from the client. */
  detach(): void;
}

const WRITE_COMMANDS = new Set(['UpdateItemCommand', 'PutItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);
let counters = 0;

/**
 * Counts the requests a DynamoDB client sends, by command, with a middleware in the deserialize
 * step: it sees each attempt that actually goes out (the SDK's own retries included), so the
 * count is what DynamoDB bills. For the writes-per-event benchmark and tests.
 *
 * @example
 * const counter = countWrites(client);
 * await handler(event);
 * counter.writes(); // UpdateItem + PutItem requests sent
 */
export function countWrites(client: DynamoDBClient): WriteCounter {
  const byCommand: Record<string, number> = {};
  const name = `snowlineWriteCounter${++counters}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      byCommand[command] = (byCommand[command] ?? 0) + 1;
      return next(args);
    },
    { step: 'deserialize', name },
  );
  return {
    byCommand,
    writes: () => Object.entries(byCommand).reduce((sum, [command, n]) => sum + (WRITE_COMMANDS.has(command) ? n : 0), 0),
    reset: () => {
      for (const command of Object.keys(byCommand)) delete byCommand[command];
    },
    detach: () => {
      client.middlewareStack.remove(name);
    },
  };
}
