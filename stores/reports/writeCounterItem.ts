import { GetItemCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { chunkContributions, dimensionAttribute, formatScaled, markAttribute, type Contribution, type CounterItemPlan, type UpdateChunk } from '../../lib/reports';
import { withRetries, type RetryOptions } from '../shared';
import { ItemWriteError } from './errors';

/** Where and how counter items are written. */
export interface CounterWriteContext {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly shardId: string;
  readonly retry: RetryOptions | undefined;
}

/** What writing one counter item did. */
export interface CounterWriteOutcome {
  /** Conditional updates that went through. */
  readonly updates: number;
  /** Contributions found already written (by an earlier attempt) and not sent again. */
  readonly skipped: number;
  /** The failure, if the item could not be written. */
  readonly failure?: ItemWriteError;
}

/** How many times a conditional failure may send us back to read the mark before giving up. */
const MAX_MARK_READS = 8;

const isConditionFailure = (error: unknown): boolean => (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/**
 * The UpdateItem of one chunk: add each amount to its `d:<value>` attribute and set the shard's
 * mark `h:<shard>` to the chunk's last position, on the condition that the mark is absent or
 * below the chunk's first position. ADD creates the item and the attributes that do not exist,
 * so a new item needs no other path.
 */
function updateInput(ctx: CounterWriteContext, plan: CounterItemPlan, chunk: UpdateChunk) {
  const names: Record<string, string> = { '#m': markAttribute(ctx.shardId) };
  const values: Record<string, AttributeValue> = { ':lo': { S: chunk.lowestPosition }, ':hi': { S: chunk.highestPosition } };
  const adds: string[] = [];
  let i = 0;
  for (const [dimension, amount] of chunk.deltas) {
    names[`#a${i}`] = dimensionAttribute(dimension);
    values[`:a${i}`] = { N: formatScaled(amount, plan.scale) };
    adds.push(`#a${i} :a${i}`);
    i++;
  }
  let set = 'SET #m = :hi';
  if (plan.ttl !== undefined) {
    names['#t'] = 'ttl';
    values[':ttl'] = { N: String(plan.ttl) };
    set += ', #t = :ttl';
  }
  return {
    TableName: ctx.tableName,
    Key: { pk: { S: plan.pk }, sk: { S: plan.sk } },
    UpdateExpression: `ADD ${adds.join(', ')} ${set}`,
    ConditionExpression: 'attribute_not_exists(#m) OR #m < :lo',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The shard's mark in an item (a consistent read), or undefined when it has none. */
async function readMark(ctx: CounterWriteContext, plan: CounterItemPlan): Promise<string | undefined> {
  const out = await withRetries(
    () =>
      ctx.client.send(
        new GetItemCommand({
          TableName: ctx.tableName,
          Key: { pk: { S: plan.pk }, sk: { S: plan.sk } },
          ConsistentRead: true,
          ProjectionExpression: '#m',
          ExpressionAttributeNames: { '#m': markAttribute(ctx.shardId) },
        }),
      ),
    ctx.retry,
  );
  return out.Item?.[markAttribute(ctx.shardId)]?.S;
}

/**
 * Adds a batch's contributions to one counter item exactly once in effect. Each chunk is a
 * conditional update guarded by the shard's mark; when the condition fails (a retry, a replay,
 * an earlier attempt that wrote and then crashed), the mark is read and only the contributions
 * above it are sent again. Throttling and 5xx are retried with backoff; what still fails is
 * returned as the lowest sequence number not written, never thrown.
 */
export async function writeCounterItem(ctx: CounterWriteContext, plan: CounterItemPlan): Promise<CounterWriteOutcome> {
  let pending: readonly Contribution[] = plan.contributions;
  let updates = 0;
  let skipped = 0;
  let markReads = 0;
  while (pending.length > 0) {
    const [chunk] = chunkContributions(pending);
    try {
      await withRetries(() => ctx.client.send(new UpdateItemCommand(updateInput(ctx, plan, chunk!))), ctx.retry);
      updates++;
      pending = pending.slice(chunk!.contributions);
    } catch (error) {
      try {
        if (!isConditionFailure(error) || ++markReads > MAX_MARK_READS) throw error;
        const mark = await readMark(ctx, plan);
        if (mark === undefined) continue;
        const above = pending.filter((c) => c.position > mark);
        skipped += pending.length - above.length;
        pending = above;
      } catch (cause) {
        return { updates, skipped, failure: new ItemWriteError(plan.pk, plan.sk, pending[0]!.sequenceNumber, { cause }) };
      }
    }
  }
  return { updates, skipped };
}
