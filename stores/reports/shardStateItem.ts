import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { INITIAL_SHARD_STATE, InvalidShardStateError, SPECIAL_PARTITIONS, type ShardState } from '../../lib/reports';
import { withRetries, type RetryOptions } from '../shared';

const FINGERPRINT_BYTES = 8;
const TWO_32 = 0x1_0000_0000;

/** Fingerprints as 8-byte big-endian integers, one after another. */
export function encodeFingerprints(fingerprints: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(fingerprints.length * FINGERPRINT_BYTES);
  const view = new DataView(bytes.buffer);
  fingerprints.forEach((f, i) => {
    view.setUint32(i * FINGERPRINT_BYTES, Math.floor(f / TWO_32));
    view.setUint32(i * FINGERPRINT_BYTES + 4, f % TWO_32);
  });
  return bytes;
}

/** Reads {@link encodeFingerprints}' bytes. @throws InvalidShardStateError when the length is not a multiple of 8. */
export function decodeFingerprints(bytes: Uint8Array, shardId: string): number[] {
  if (bytes.length % FINGERPRINT_BYTES !== 0) throw new InvalidShardStateError(shardId, 'fp', `${bytes.length} bytes is not a multiple of ${FINGERPRINT_BYTES}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(bytes.length / FINGERPRINT_BYTES);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * FINGERPRINT_BYTES) * TWO_32 + view.getUint32(i * FINGERPRINT_BYTES + 4);
  return out;
}

const key = (shardId: string) => ({ pk: { S: SPECIAL_PARTITIONS.state }, sk: { S: shardId } });

/** A shard's state item (`pk "state"`, `sk <shardId>`), read consistently; the initial state when absent. */
export async function readShardState(client: DynamoDBClient, tableName: string, shardId: string, retry?: RetryOptions): Promise<ShardState> {
  const out = await withRetries(() => client.send(new GetItemCommand({ TableName: tableName, Key: key(shardId), ConsistentRead: true })), retry);
  const item = out.Item;
  if (item === undefined) return INITIAL_SHARD_STATE;
  const hwm = item.hwm?.S;
  if (hwm === undefined) throw new InvalidShardStateError(shardId, 'hwm', 'missing');
  const newest = item.newest?.N;
  return {
    highWaterMark: hwm,
    fingerprints: item.fp?.B === undefined ? [] : decodeFingerprints(item.fp.B, shardId),
    newestEventTimeMs: newest === undefined ? null : Number(newest),
  };
}

/**
 * Writes a shard's state, only ever forward: on the condition that the stored high-water mark is
 * absent or below the new one. A failed condition means another invocation got further, which is
 * fine; it returns false.
 */
export async function writeShardState(
  client: DynamoDBClient,
  tableName: string,
  shardId: string,
  state: ShardState,
  nowMs: number,
  retry?: RetryOptions,
): Promise<boolean> {
  if (state.highWaterMark === null) return false;
  const item: Record<string, AttributeValue> = {
    ...key(shardId),
    hwm: { S: state.highWaterMark },
    fp: { B: encodeFingerprints(state.fingerprints) },
    updatedAt: { N: String(nowMs) },
  };
  if (state.newestEventTimeMs !== null) item.newest = { N: String(state.newestEventTimeMs) };
  try {
    await withRetries(
      () =>
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(hwm) OR hwm < :hwm',
            ExpressionAttributeValues: { ':hwm': { S: state.highWaterMark! } },
          }),
        ),
      retry,
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
