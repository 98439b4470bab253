import { GetItemCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HyperLogLog, type SketchItemPlan } from '../../lib/reports';
import { withRetries, type RetryOptions } from '../shared';
import { ItemWriteError, InvalidStoredItemError } from './errors';
import type { SketchCache } from './SketchCache';

/** Where and how sketch items are written. */
export interface SketchWriteContext {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly retry: RetryOptions | undefined;
  readonly cache: SketchCache;
}

/** What writing one sketch item did. */
export interface SketchWriteOutcome {
  /** Writes made (0 when the stored sketch already held every value). */
  readonly updates: number;
  readonly failure?: ItemWriteError;
}

/** A stored sketch and its version, or an absent one. */
export interface StoredSketch {
  readonly sketch: HyperLogLog | null;
  readonly version: number | null;
}

/** Optimistic attempts before giving up: each lost race costs one read and one write. */
const MAX_ATTEMPTS = 16;

/** Reads an item's sketch and version (a consistent read). */
export async function readSketch(client: DynamoDBClient, tableName: string, pk: string, sk: string, retry?: RetryOptions): Promise<StoredSketch> {
  const out = await withRetries(
    () => client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true, ProjectionExpression: '#s, #v', ExpressionAttributeNames: { '#s': 'hll', '#v': 'v' } })),
    retry,
  );
  const bytes = out.Item?.hll?.B;
  const version = out.Item?.v?.N;
  if (bytes === undefined || version === undefined) return { sketch: null, version: null };
  const v = Number(version);
  if (!Number.isSafeInteger(v)) throw new InvalidStoredItemError(pk, sk, 'v', `version ${version} is not an integer`);
  return { sketch: HyperLogLog.fromBytes(bytes, `item ${pk}/${sk} attribute hll`), version: v };
}

/**
 * Merges a batch's sketch into the stored one (register-wise max, so a replay changes nothing)
 * with optimistic locking on the version `v`: read (or take from the cache), merge, and write
 * only if the registers changed, on the condition that `v` is still what was read. Sketches need
 * no marks: merging twice is merging once.
 */
export async function writeSketchItem(ctx: SketchWriteContext, plan: SketchItemPlan): Promise<SketchWriteOutcome> {
  const id = `${plan.pk}\n${plan.sk}`;
  let updates = 0;
  try {
    for (let attempt = 1; ; attempt++) {
      const stored = ctx.cache.get(id) ?? (await readSketch(ctx.client, ctx.tableName, plan.pk, plan.sk, ctx.retry));
      const merged = stored.sketch === null ? plan.sketch.clone() : stored.sketch.clone();
      if (stored.sketch !== null && !merged.merge(plan.sketch)) {
        ctx.cache.set(id, stored);
        return { updates };
      }
      const next = (stored.version ?? 0) + 1;
      const values: Record<string, AttributeValue> = { ':hll': { B: merged.toBytes() }, ':next': { N: String(next) } };
      const names: Record<string, string> = { '#s': 'hll', '#v': 'v' };
      let set = 'SET #s = :hll, #v = :next';
      if (plan.ttl !== undefined) {
        names['#t'] = 'ttl';
        values[':ttl'] = { N: String(plan.ttl) };
        set += ', #t = :ttl';
      }
      if (stored.version !== null) values[':v'] = { N: String(stored.version) };
      try {
        await withRetries(
          () =>
            ctx.client.send(
              new UpdateItemCommand({
                TableName: ctx.tableName,
                Key: { pk: { S: plan.pk }, sk: { S: plan.sk } },
                UpdateExpression: set,
                ConditionExpression: stored.version === null ? 'attribute_not_exists(#v)' : '#v = :v',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              }),
            ),
          ctx.retry,
        );
        updates++;
        ctx.cache.set(id, { sketch: merged, version: next });
        return { updates };
      } catch (error) {
        ctx.cache.delete(id);
        // Another writer (another shard) got there first: read again and merge into theirs.
        if ((error as Error).name !== 'ConditionalCheckFailedException' || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  } catch (cause) {
    ctx.cache.delete(id);
    return { updates, failure: new ItemWriteError(plan.pk, plan.sk, plan.sequenceNumber, { cause }) };
  }
}
