import { BatchGetRecordCommand, GetRecordCommand, PutRecordCommand, type SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, scratchDir, sdkError, startTestService, userRecord } from './helpers';

const START = Date.parse('2100-01-01T00:00:00.000Z');
const clock = manualClock(START);
let client: SageMakerFeatureStoreRuntimeClient;
let stop: () => Promise<void>;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  const dir = await scratchDir();
  removeDir = dir.remove;
  const started = await startTestService(dir.path, { offlineStoreDir: undefined, now: clock.now });
  client = started.client;
  stop = started.close;
});

afterAll(async () => {
  await stop();
  await removeDir();
});

const shortLived = (id: string, seconds: number, score: string) => [
  { FeatureName: 'id', ValueAsString: id },
  { FeatureName: 'ts', ValueAsString: String(seconds) },
  { FeatureName: 'score', ValueAsString: score },
];
const getWithExpiry = (FeatureGroupName: string, RecordIdentifierValueAsString: string) =>
  client.send(new GetRecordCommand({ FeatureGroupName, RecordIdentifierValueAsString, ExpirationTimeResponse: 'Enabled' }));

describe('TtlDuration', () => {
  it("expires a record at EventTime + the group's TtlDuration", async () => {
    clock.set(START);
    await client.send(new PutRecordCommand({ FeatureGroupName: 'short_lived', Record: shortLived('1', START / 1000, '0.5') }));

    const fresh = await getWithExpiry('short_lived', '1');
    expect(fresh.ExpiresAt).toBe('2100-01-01T00:01:00.000Z');
    expect(fresh.Record).toEqual(shortLived('1', START / 1000, '0.5'));

    clock.set(START + 59_999);
    expect((await getWithExpiry('short_lived', '1')).Record).toHaveLength(3);

    clock.set(START + 60_000);
    const expired = await getWithExpiry('short_lived', '1');
    expect(expired.Record).toBeUndefined();
    expect(expired.ExpiresAt).toBeUndefined();
    const batch = await client.send(new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: 'short_lived', RecordIdentifiersValueAsString: ['1'] }] }));
    expect(batch.Records).toEqual([]);
  });

  it('lets a record TtlDuration override the group one', async () => {
    clock.set(START);
    await client.send(
      new PutRecordCommand({ FeatureGroupName: 'short_lived', Record: shortLived('2', START / 1000, '1'), TtlDuration: { Unit: 'Hours', Value: 1 } }),
    );
    clock.set(START + 30 * 60_000);
    const got = await getWithExpiry('short_lived', '2');
    expect(got.ExpiresAt).toBe('2100-01-01T01:00:00.000Z');
    expect(got.Record).toHaveLength(3);
  });

  it('expires a record by its own TtlDuration in a group without one', async () => {
    clock.set(START);
    await client.send(
      new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: userRecord('u-ttl', '2100-01-01T00:00:00Z'), TtlDuration: { Unit: 'Minutes', Value: 5 } }),
    );
    clock.set(START + 4 * 60_000);
    expect((await getWithExpiry('user_activity', 'u-ttl')).ExpiresAt).toBe('2100-01-01T00:05:00.000Z');
    clock.set(START + 5 * 60_000);
    expect((await getWithExpiry('user_activity', 'u-ttl')).Record).toBeUndefined();
  });

  it('gives no ExpiresAt without a TTL or unless it is asked for', async () => {
    clock.set(START);
    await client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: userRecord('u-no-ttl', '2100-01-01T00:00:00Z') }));
    const got = await getWithExpiry('user_activity', 'u-no-ttl');
    expect(got.Record).toHaveLength(2);
    expect(got.ExpiresAt).toBeUndefined();
    await client.send(new PutRecordCommand({ FeatureGroupName: 'short_lived', Record: shortLived('3', START / 1000, '1') }));
    const notAsked = await client.send(new GetRecordCommand({ FeatureGroupName: 'short_lived', RecordIdentifierValueAsString: '3' }));
    expect(notAsked.Record).toHaveLength(3);
    expect(notAsked.ExpiresAt).toBeUndefined();
  });

  it('treats an expired record as gone: an older put is accepted', async () => {
    clock.set(START);
    await client.send(new PutRecordCommand({ FeatureGroupName: 'short_lived', Record: shortLived('4', START / 1000 + 100, '3') }));
    clock.set(START + 160_000);
    await client.send(
      new PutRecordCommand({ FeatureGroupName: 'short_lived', Record: shortLived('4', START / 1000 + 99, '7'), TtlDuration: { Unit: 'Hours', Value: 1 } }),
    );
    expect((await getWithExpiry('short_lived', '4')).Record).toEqual(shortLived('4', START / 1000 + 99, '7'));
  });

  it('rejects a TtlDuration below 1 and an unknown unit', async () => {
    const zero = await sdkError(
      client.send(new PutRecordCommand({ FeatureGroupName: 'short_lived', Record: shortLived('5', START / 1000, '1'), TtlDuration: { Unit: 'Seconds', Value: 0 } })),
    );
    expect(zero).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value '0' at 'ttlDuration.value' failed to satisfy constraint: Member must have value greater than or equal to 1",
      status: 400,
    });
    const unit = await sdkError(
      client.send(
        new PutRecordCommand({ FeatureGroupName: 'short_lived', Record: shortLived('5', START / 1000, '1'), TtlDuration: { Unit: 'Fortnights' as 'Days', Value: 1 } }),
      ),
    );
    expect(unit.message).toBe(
      "1 validation error detected: Value 'Fortnights' at 'ttlDuration.unit' failed to satisfy constraint: Member must satisfy enum value set: [Seconds, Minutes, Hours, Days, Weeks]",
    );
  });
});
