import { ConditionalCheckFailedException, GetItemCommand, QueryCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BUCKET_SORT_KEY_PREFIX, ENTRY_PREFIX, PROFILE_SORT_KEY, type Fact, type FeatureStateStore, type StoredEntity, type StoredProfile } from '../../lib/features';
import { FEATURE_STATE_TABLE } from '../../stacks/config';
import { resolveDynamoDbClient, withRetries, type DynamoDbTarget, type RetryOptions } from '../shared';
import { CorruptProfileError, InvalidFeatureStoreOptionError } from './errors';

/** Options of {@link DynamoFeatureStateStore}. */
export interface DynamoFeatureStateStoreOptions {
  /** The DynamoDB client, or an endpoint (and region) to create one for. */
  readonly dynamodb: DynamoDbTarget;
  /** The state table. @default FEATURE_STATE_TABLE.tableName ('snowline-feature-state') */
  readonly tableName?: string;
  /** Backoff of throttled and failed requests. @default withRetries' defaults (8 attempts, 25 ms doubling to 2 s, full jitter) */
  readonly retry?: RetryOptions;
}

/** Entries set by one UpdateItem: keeps the expression well under DynamoDB's 4 KB expression limit. */
const ENTRIES_PER_UPDATE = 100;

/** Items one bucket may spill over into once an item reaches DynamoDB's 400 KB. */
const MAX_SPILL_ITEMS = 64;

/** A bucket's sort key: `b#<start ISO>`, then `#<n>` for the n-th item it spilled into (they all sort from `b#<start ISO>` on). */
const bucketSortKey = (bucketStartMs: number, spill = 0) => BUCKET_SORT_KEY_PREFIX + new Date(bucketStartMs).toISOString() + (spill === 0 ? '' : `#${spill}`);

/** Whether DynamoDB refused an update because the item would pass 400 KB. */
const isItemTooLarge = (error: unknown) =>
  (error as { name?: string }).name === 'ValidationException' && /item size/i.test((error as Error).message);

/**
 * The streaming features' window state in DynamoDB (FEATURE_STATE_TABLE): per entity, one item
 * per 15-minute bucket of event time whose attributes `e:<fingerprint>` are the events' entries, and a profile item
 * `p` holding the point facts as JSON with a version `v` for optimistic locking.
 *
 * @example
 * const state = new DynamoFeatureStateStore({ dynamodb: { endpoint: 'http://127.0.0.1:4568' } });
 */
export class DynamoFeatureStateStore implements FeatureStateStore {
  /** The SDK client it sends with. */
  readonly client: DynamoDBClient;
  /** The state table. */
  readonly tableName: string;
  private readonly owned: boolean;
  private readonly retry: RetryOptions | undefined;
  /** The item each bucket last spilled into (`<entity>|<bucket start>`), learned from reads and writes: where new entries go. */
  private readonly spills = new Map<string, number>();

  /** @throws InvalidFeatureStoreOptionError naming the option out of range. */
  constructor(options: DynamoFeatureStateStoreOptions) {
    const attempts = options.retry?.maxAttempts;
    if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 1 && attempts <= 20)) {
      throw new InvalidFeatureStoreOptionError('retry.maxAttempts', attempts, 'a whole number from 1 to 20');
    }
    const { client, owned } = resolveDynamoDbClient(options.dynamodb);
    this.client = client;
    this.owned = owned;
    this.tableName = options.tableName ?? FEATURE_STATE_TABLE.tableName;
    this.retry = options.retry;
  }

  /** {@inheritDoc FeatureStateStore.readEntity} */
  async readEntity(entityKey: string, fromBucketMs: number): Promise<StoredEntity> {
    const entries = new Map<string, string>();
    let profile: StoredProfile | null = null;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await withRetries(
        () =>
          this.client.send(
            new QueryCommand({
              TableName: this.tableName,
              KeyConditionExpression: 'pk = :pk AND sk >= :from',
              ExpressionAttributeValues: { ':pk': { S: entityKey }, ':from': { S: bucketSortKey(fromBucketMs) } },
              ConsistentRead: true,
              ExclusiveStartKey: start,
            }),
          ),
        this.retry,
      );
      for (const item of page.Items ?? []) {
        if (item.sk?.S === PROFILE_SORT_KEY) {
          profile = readProfileItem(entityKey, item);
          continue;
        }
        const spill = /#(\d+)$/.exec(item.sk?.S?.slice(BUCKET_SORT_KEY_PREFIX.length) ?? '')?.[1];
        if (spill !== undefined) this.noteSpill(entityKey, Date.parse(item.sk!.S!.slice(BUCKET_SORT_KEY_PREFIX.length, -spill.length - 1)), Number(spill));
        for (const [name, value] of Object.entries(item)) {
          if (name.startsWith(ENTRY_PREFIX) && value.S !== undefined) entries.set(name.slice(ENTRY_PREFIX.length), value.S);
        }
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return { entries, profile };
  }

  /** {@inheritDoc FeatureStateStore.readProfile} */
  async readProfile(entityKey: string): Promise<StoredProfile | null> {
    const out = await withRetries(
      () => this.client.send(new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: entityKey }, sk: { S: PROFILE_SORT_KEY } }, ConsistentRead: true })),
      this.retry,
    );
    return out.Item === undefined ? null : readProfileItem(entityKey, out.Item);
  }

  private noteSpill(entityKey: string, bucketStartMs: number, spill: number): void {
    const key = `${entityKey}|${bucketStartMs}`;
    if (spill > (this.spills.get(key) ?? 0)) this.spills.set(key, spill);
    if (this.spills.size > 100_000) this.spills.clear(); // a hint only: a write that finds the item full moves on
  }

  /**
   * {@inheritDoc FeatureStateStore.writeBucket}
   * When an item of the bucket reaches DynamoDB's 400 KB, the entries go to the bucket's next item
   * (`b#<start ISO>#1`, ...), which the same Query reads.
   */
  async writeBucket(entityKey: string, bucketStartMs: number, entries: readonly (readonly [string, string])[], expiresAtMs: number): Promise<void> {
    for (let i = 0; i < entries.length; i += ENTRIES_PER_UPDATE) {
      for (let spill = this.spills.get(`${entityKey}|${bucketStartMs}`) ?? 0; ; spill++) {
        try {
          await this.updateBucketItem(entityKey, bucketSortKey(bucketStartMs, spill), entries.slice(i, i + ENTRIES_PER_UPDATE), expiresAtMs);
          break;
        } catch (error) {
          if (!isItemTooLarge(error) || spill + 1 >= MAX_SPILL_ITEMS) throw error;
          this.noteSpill(entityKey, bucketStartMs, spill + 1);
        }
      }
    }
  }

  /** One UpdateItem setting a chunk of entries on one item (idempotent). */
  private async updateBucketItem(entityKey: string, sortKey: string, chunk: readonly (readonly [string, string])[], expiresAtMs: number): Promise<void> {
    const names: Record<string, string> = { '#ttl': 'ttl' };
    const values: Record<string, AttributeValue> = { ':ttl': { N: String(Math.ceil(expiresAtMs / 1000)) } };
    const sets = ['#ttl = :ttl'];
    chunk.forEach(([fp, encoded], n) => {
      names[`#e${n}`] = ENTRY_PREFIX + fp;
      values[`:e${n}`] = { S: encoded };
      sets.push(`#e${n} = :e${n}`);
    });
    await withRetries(
      () =>
        this.client.send(
          new UpdateItemCommand({
            TableName: this.tableName,
            Key: { pk: { S: entityKey }, sk: { S: sortKey } },
            UpdateExpression: `SET ${sets.join(', ')}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        ),
      this.retry,
    );
  }

  /** {@inheritDoc FeatureStateStore.writeProfile} */
  async writeProfile(entityKey: string, profile: StoredProfile, expectedVersion: number | null, expiresAtMs: number): Promise<boolean> {
    const values: Record<string, AttributeValue> = {
      ':v': { N: String(profile.version) },
      ':f': { S: JSON.stringify(profile.facts) },
      ':ttl': { N: String(Math.ceil(expiresAtMs / 1000)) },
    };
    if (expectedVersion !== null) values[':old'] = { N: String(expectedVersion) };
    try {
      await withRetries(
        () =>
          this.client.send(
            new UpdateItemCommand({
              TableName: this.tableName,
              Key: { pk: { S: entityKey }, sk: { S: PROFILE_SORT_KEY } },
              UpdateExpression: 'SET v = :v, f = :f, #ttl = :ttl',
              ConditionExpression: expectedVersion === null ? 'attribute_not_exists(v)' : 'v = :old',
              ExpressionAttributeNames: { '#ttl': 'ttl' },
              ExpressionAttributeValues: values,
            }),
          ),
        this.retry,
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Destroys the client if the store created it. */
  destroy(): void {
    if (this.owned) this.client.destroy();
  }
}

function readProfileItem(entityKey: string, item: Record<string, AttributeValue>): StoredProfile {
  const version = Number(item.v?.N);
  if (!Number.isSafeInteger(version)) throw new CorruptProfileError(entityKey, `has no version (v: ${JSON.stringify(item.v)})`);
  let facts: unknown;
  try {
    facts = JSON.parse(item.f?.S ?? '');
  } catch (error) {
    throw new CorruptProfileError(entityKey, 'facts (f) are not JSON', { cause: error });
  }
  if (typeof facts !== 'object' || facts === null) throw new CorruptProfileError(entityKey, 'facts (f) are not an object');
  return { version, facts: facts as Record<string, Fact> };
}
