import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { CHUNK_SORT_KEY_PREFIX, STATE_SORT_KEY, type EntityState, type Fact, type FeatureStateStore, type StateWrite } from '../../lib/features';
import { FEATURE_STATE_TABLE } from '../../stacks/config';
import { isRetryableError, resolveDynamoDbClient, withRetries, type DynamoDbTarget, type RetryOptions } from '../shared';
import { CorruptStateError, InvalidFeatureStoreOptionError, UnprocessedStateRequestsError } from './errors';

/** Options of {@link DynamoFeatureStateStore}. */
export interface DynamoFeatureStateStoreOptions {
  /** The DynamoDB client, or an endpoint (and region) to create one for. */
  readonly dynamodb: DynamoDbTarget;
  /** The state table. @default FEATURE_STATE_TABLE.tableName ('snowline-feature-state') */
  readonly tableName?: string;
  /** Backoff of throttled and failed requests, and of BatchGetItem/BatchWriteItem's unprocessed keys and items. @default withRetries' defaults (8 attempts, 25 ms doubling to 2 s, full jitter) */
  readonly retry?: RetryOptions;
}

/** Keys in one BatchGetItem (DynamoDB's limit). */
const GET_BATCH = 100;
/** Items in one BatchWriteItem (DynamoDB's limit). */
const WRITE_BATCH = 25;
/**
 * Bytes of entries one item holds: below DynamoDB's 400 KB item limit with room for the
 * attribute names, the facts and the keys. Entries beyond it go to overflow items.
 */
const ENTRY_BYTES_PER_ITEM = 350_000;
/**
 * DynamoDB bills a write per KB of the item. An item whose entries would keep it within 1 KB as
 * text bills one write unit either way, so its entries stay text (no CPU spent deflating and
 * inflating); a larger one is deflated, which takes a user's item down to about a third.
 */
const BYTES_PER_WRITE_UNIT = 1024;
/** Bytes of an item besides its entries and facts, at most: attribute names, `sk`, version, TTL and chunk fields. */
const ITEM_OVERHEAD_BYTES = 64;

type Item = Record<string, AttributeValue>;
type Key = { readonly pk: string; readonly sk: string };

const keyOf = ({ pk, sk }: Key): Item => ({ pk: { S: pk }, sk: { S: sk } });
const chunkSortKey = (chunkId: string, n: number) => `${CHUNK_SORT_KEY_PREFIX}${chunkId}#${n}`;
const ttlOf = (expiresAtMs: number): AttributeValue => ({ N: String(Math.ceil(expiresAtMs / 1000)) });

/**
 * The streaming features' window state in DynamoDB (FEATURE_STATE_TABLE): per entity
 * (`pk = <group>#<id>`) one state item (`sk = "s"`) holding its version `v`, its point facts `f`
 * (JSON) and its entries (one line per entry: key, tab, value; a user's are its events by
 * fingerprint, a product's its tiles, newest event time and shard marks): as text in `e` while the
 * item stays within one write unit (1 KB), else deflated in `z` (the lines repeat session ids and
 * paths, so a user's item shrinks to about a third). A batch's
 * entities are read with BatchGetItem (100 a request); entities with one writer are written with
 * BatchWriteItem (25 a request), the others with a conditional PutItem on the version. A very
 * active entity's entries beyond 350 KB (before deflating) go to overflow items `s#<chunk id>#<n>` written before the
 * state item that names them (`ci`, `c`); a chunk id is new with every write, so a writer that
 * loses a race never overwrites the winner's overflow.
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
  private readonly retry: RetryOptions;

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
    const isRetryable = options.retry?.isRetryable ?? isRetryableError;
    this.retry = { ...options.retry, isRetryable: (error) => error instanceof UnprocessedStateRequestsError || isRetryable(error) };
  }

  /** {@inheritDoc FeatureStateStore.readEntities} */
  async readEntities(entityKeys: readonly string[]): Promise<Map<string, EntityState>> {
    const items = await this.batchGet(entityKeys.map((pk) => ({ pk, sk: STATE_SORT_KEY })));
    const states = new Map<string, EntityState>();
    const chunkKeys: Key[] = [];
    const lines = new Map<string, string[]>();
    for (const item of items) {
      const pk = item.pk!.S!;
      const chunks = Number(item.c?.N ?? 0);
      const chunkId = item.ci?.S;
      if (!Number.isSafeInteger(chunks) || chunks < 0 || (chunks > 0 && chunkId === undefined)) throw new CorruptStateError(pk, `state item names no readable overflow (c: ${JSON.stringify(item.c)}, ci: ${JSON.stringify(item.ci)})`);
      for (let n = 1; n <= chunks; n++) chunkKeys.push({ pk, sk: chunkSortKey(chunkId!, n) });
      const text = entriesOf(pk, item);
      lines.set(pk, text === undefined ? [] : [text]);
      states.set(pk, { version: readVersion(pk, item), entries: new Map(), facts: readFacts(pk, item) });
    }
    if (chunkKeys.length > 0) {
      const chunks = new Map((await this.batchGet(chunkKeys)).map((item) => [`${item.pk!.S}|${item.sk!.S}`, item]));
      for (const { pk, sk } of chunkKeys) {
        const chunk = chunks.get(`${pk}|${sk}`);
        const text = chunk === undefined ? undefined : entriesOf(pk, chunk);
        if (text === undefined) throw new CorruptStateError(pk, `overflow item ${sk} is missing`);
        lines.get(pk)!.push(text);
      }
    }
    for (const [pk, texts] of lines) {
      const entries = states.get(pk)!.entries as Map<string, string>;
      for (const text of texts) {
        for (const line of text.split('\n')) {
          const tab = line.indexOf('\t');
          if (tab <= 0) throw new CorruptStateError(pk, `entries (e) hold a line that is not <fingerprint>\\t<entry>: ${JSON.stringify(line.slice(0, 80))}`);
          entries.set(line.slice(0, tab), line.slice(tab + 1));
        }
      }
    }
    for (const pk of entityKeys) if (!states.has(pk)) states.set(pk, { version: 0, entries: new Map(), facts: {} });
    return states;
  }

  /** {@inheritDoc FeatureStateStore.readVersions} */
  async readVersions(entityKeys: readonly string[]): Promise<Map<string, number>> {
    const versions = new Map<string, number>(entityKeys.map((pk) => [pk, 0]));
    for (const item of await this.batchGet(entityKeys.map((pk) => ({ pk, sk: STATE_SORT_KEY })), true)) versions.set(item.pk!.S!, readVersion(item.pk!.S!, item));
    return versions;
  }

  /** {@inheritDoc FeatureStateStore.writeOwned} */
  async writeOwned(writes: readonly StateWrite[]): Promise<Map<string, Error>> {
    const failures = new Map<string, Error>();
    const built = writes.map((w) => ({ key: w.entityKey, ...this.buildItems(w) }));
    // Overflow items first, so a state item never names one that is not there.
    const overflow = built.flatMap((b) => b.chunks.map((item) => ({ key: b.key, item })));
    if (overflow.length > 0) for (const [key, error] of await this.batchWrite(overflow)) failures.set(key, error);
    const states = built.filter((b) => !failures.has(b.key)).map((b) => ({ key: b.key, item: b.state }));
    for (const [key, error] of await this.batchWrite(states)) failures.set(key, error);
    return failures;
  }

  /** {@inheritDoc FeatureStateStore.writeConditional} */
  async writeConditional(write: StateWrite): Promise<boolean> {
    const { state, chunks } = this.buildItems(write);
    if (chunks.length > 0) {
      const failed = await this.batchWrite(chunks.map((item) => ({ key: write.entityKey, item })));
      const error = failed.get(write.entityKey);
      if (error !== undefined) throw error;
    }
    try {
      await withRetries(
        () =>
          this.client.send(
            new PutItemCommand({
              TableName: this.tableName,
              Item: state,
              ConditionExpression: write.expectedVersion === 0 ? 'attribute_not_exists(v)' : 'v = :old',
              ...(write.expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':old': { N: String(write.expectedVersion) } } }),
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

  /** The state item of a write and, for a very active entity, its overflow items. */
  private buildItems(write: StateWrite): { state: Item; chunks: Item[] } {
    const { entityKey, state, expiresAtMs } = write;
    const texts: string[] = [];
    let text = '';
    let bytes = 0;
    for (const [fp, entry] of state.entries) {
      const line = `${fp}\t${entry}`;
      const lineBytes = Buffer.byteLength(line) + 1;
      if (text !== '' && bytes + lineBytes > ENTRY_BYTES_PER_ITEM) {
        texts.push(text);
        text = '';
        bytes = 0;
      }
      text = text === '' ? line : `${text}\n${line}`;
      bytes += lineBytes;
    }
    if (text !== '') texts.push(text);
    const item: Item = { pk: { S: entityKey }, sk: { S: STATE_SORT_KEY }, v: { N: String(state.version) }, f: { S: JSON.stringify(state.facts) }, ttl: ttlOf(expiresAtMs) };
    if (texts.length === 1 && bytes + Buffer.byteLength(entityKey) + Buffer.byteLength(item.f!.S!) + ITEM_OVERHEAD_BYTES <= BYTES_PER_WRITE_UNIT) item.e = { S: texts[0]! };
    else if (texts.length > 0) item.z = { B: deflateRawSync(texts[0]!) };
    const chunks: Item[] = [];
    if (texts.length > 1) {
      const chunkId = `${state.version}.${randomBytes(6).toString('base64url')}`;
      item.ci = { S: chunkId };
      item.c = { N: String(texts.length - 1) };
      for (let n = 1; n < texts.length; n++) chunks.push({ ...keyOf({ pk: entityKey, sk: chunkSortKey(chunkId, n) }), z: { B: deflateRawSync(texts[n]!) }, ttl: ttlOf(expiresAtMs) });
    }
    return { state: item, chunks };
  }

  /** Consistent BatchGetItems of some keys, 100 a request, all in flight at once; unprocessed keys are asked again with backoff. */
  private async batchGet(keys: readonly Key[], versionsOnly = false): Promise<Item[]> {
    const items: Item[] = [];
    const requests: Promise<void>[] = [];
    for (let i = 0; i < keys.length; i += GET_BATCH) {
      let pending = keys.slice(i, i + GET_BATCH).map(keyOf);
      requests.push(
        withRetries(async () => {
          const out = await this.client.send(
            new BatchGetItemCommand({
              RequestItems: {
                [this.tableName]: { Keys: pending, ConsistentRead: true, ...(versionsOnly ? { ProjectionExpression: '#pk, #v', ExpressionAttributeNames: { '#pk': 'pk', '#v': 'v' } } : {}) },
              },
            }),
          );
          items.push(...(out.Responses?.[this.tableName] ?? []));
          pending = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
          if (pending.length > 0) throw new UnprocessedStateRequestsError('BatchGetItem', pending.length);
        }, this.retry),
      );
    }
    await Promise.all(requests);
    return items;
  }

  /** BatchWriteItems of some items, 25 a request, all in flight at once; unprocessed items are sent again with backoff. The entities whose items could not all be written, with the error. */
  private async batchWrite(items: readonly { key: string; item: Item }[]): Promise<Map<string, Error>> {
    const failures = new Map<string, Error>();
    const requests: Promise<void>[] = [];
    for (let i = 0; i < items.length; i += WRITE_BATCH) {
      const slice = items.slice(i, i + WRITE_BATCH);
      let pending: WriteRequest[] = slice.map(({ item }) => ({ PutRequest: { Item: item } }));
      requests.push(
        withRetries(async () => {
          const out = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }));
          pending = out.UnprocessedItems?.[this.tableName] ?? [];
          if (pending.length > 0) throw new UnprocessedStateRequestsError('BatchWriteItem', pending.length);
        }, this.retry).catch((error: unknown) => {
          // Which of the slice's items did go through is not worth knowing: writing them again is harmless.
          for (const { key } of slice) failures.set(key, error as Error);
        }),
      );
    }
    await Promise.all(requests);
    return failures;
  }
}

/** An item's entry lines: `z` deflated (raw DEFLATE), or `e` as text (an item within one write unit, or written before deflating); undefined when it has neither. */
function entriesOf(entityKey: string, item: Item): string | undefined {
  if (item.z?.B === undefined) return item.e?.S;
  try {
    return inflateRawSync(item.z.B).toString('utf8');
  } catch (error) {
    throw new CorruptStateError(entityKey, `entries (z) do not inflate (${(error as Error).message})`, { cause: error });
  }
}

function readVersion(entityKey: string, item: Item): number {
  const version = Number(item.v?.N);
  if (!Number.isSafeInteger(version) || version < 1) throw new CorruptStateError(entityKey, `state item has no version (v: ${JSON.stringify(item.v)})`);
  return version;
}

function readFacts(entityKey: string, item: Item): Record<string, Fact> {
  let facts: unknown;
  try {
    facts = JSON.parse(item.f?.S ?? '');
  } catch (error) {
    throw new CorruptStateError(entityKey, 'facts (f) are not JSON', { cause: error });
  }
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) throw new CorruptStateError(entityKey, 'facts (f) are not an object');
  return facts as Record<string, Fact>;
}
