import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FRESHNESS_SORT_KEY, SPECIAL_PARTITIONS, type ReportFreshness } from '../../lib/reports';
import { withRetries, type RetryOptions } from '../shared';

const key = { pk: { S: SPECIAL_PARTITIONS.meta }, sk: { S: FRESHNESS_SORT_KEY } };

/**
 * Records the newest event time counted (`newest`) and when (`updatedAt`) in the meta item, only
 * if it is newer than the one stored (shards race; the newest wins). Returns whether it moved.
 */
export async function recordFreshness(client: DynamoDBClient, tableName: string, newestEventTimeMs: number, nowMs: number, retry?: RetryOptions): Promise<boolean> {
  try {
    await withRetries(
      () =>
        client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET newest = :t, updatedAt = :now',
            ConditionExpression: 'attribute_not_exists(newest) OR newest < :t',
            ExpressionAttributeValues: { ':t': { N: String(newestEventTimeMs) }, ':now': { N: String(nowMs) } },
          }),
        ),
      retry,
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** The meta item's freshness; nulls before the first batch. */
export async function readFreshness(client: DynamoDBClient, tableName: string, retry?: RetryOptions): Promise<ReportFreshness> {
  const out = await withRetries(() => client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true })), retry);
  const newest = out.Item?.newest?.N;
  const updatedAt = out.Item?.updatedAt?.N;
  return { newestEventTimeMs: newest === undefined ? null : Number(newest), updatedAtMs: updatedAt === undefined ? null : Number(updatedAt) };
}
