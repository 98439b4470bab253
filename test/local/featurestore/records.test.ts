import {
  BatchGetRecordCommand,
  DeleteRecordCommand,
  GetRecordCommand,
  PutRecordCommand,
  type SageMakerFeatureStoreRuntimeClient,
} from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir, sdkError, startTestService, userRecord } from './helpers';

let client: SageMakerFeatureStoreRuntimeClient;
let endpoint: string;
let stop: () => Promise<void>;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  const dir = await scratchDir();
  removeDir = dir.remove;
  const started = await startTestService(dir.path, { offlineStoreDir: undefined });
  client = started.client;
  endpoint = started.service.endpoint;
  stop = started.close;
});

afterAll(async () => {
  await stop();
  await removeDir();
});

const put = (FeatureGroupName: string, Record: { FeatureName: string; ValueAsString: string }[]) =>
  client.send(new PutRecordCommand({ FeatureGroupName, Record }));
const get = (FeatureGroupName: string, RecordIdentifierValueAsString: string, FeatureNames?: string[]) =>
  client.send(new GetRecordCommand({ FeatureGroupName, RecordIdentifierValueAsString, FeatureNames }));

describe('PutRecord and GetRecord', () => {
  it('round-trips a record of every feature type, in the order it was put', async () => {
    const record = userRecord('u-roundtrip', '2026-11-22T10:00:00.500Z', {
      page_views_5m: '3',
      revenue_24h: '129.95',
      last_event_name: 'page_view',
      is_logged_in: '-1',
    });
    const put = await client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: record }));
    expect(put.$metadata.httpStatusCode).toBe(200);

    const got = await get('user_activity', 'u-roundtrip');
    expect(got.Record).toEqual(record);
    expect(got.ExpiresAt).toBeUndefined();
  });

  it('returns only the FeatureNames asked for', async () => {
    await put('user_activity', userRecord('u-subset', '2026-11-22T10:00:00Z', { page_views_1h: '7', country: 'DE', events_1h: '12' }));

    const got = await get('user_activity', 'u-subset', ['country', 'page_views_1h']);

    expect(got.Record).toEqual([
      { FeatureName: 'page_views_1h', ValueAsString: '7' },
      { FeatureName: 'country', ValueAsString: 'DE' },
    ]);
  });

  it('answers a record that was never put with no Record', async () => {
    const got = await get('user_activity', 'u-never');
    expect(got.$metadata.httpStatusCode).toBe(200);
    expect(got.Record).toBeUndefined();
  });

  it('finds a group by its ARN', async () => {
    await put('product_activity', [
      { FeatureName: 'sku', ValueAsString: 'SKU-ARN' },
      { FeatureName: 'event_time', ValueAsString: '2026-11-22T10:00:00Z' },
      { FeatureName: 'units_24h', ValueAsString: '4' },
    ]);
    const got = await get('arn:aws:sagemaker:us-east-1:000000000000:feature-group/product_activity', 'SKU-ARN', ['units_24h']);
    expect(got.Record).toEqual([{ FeatureName: 'units_24h', ValueAsString: '4' }]);
  });

  it('keeps the online record when a put has an older EventTime, and takes a newer one', async () => {
    await put('user_activity', userRecord('u-order', '2026-11-22T10:00:00.000Z', { page_views_1h: '5' }));
    await put('user_activity', userRecord('u-order', '2026-11-22T09:59:59.999Z', { page_views_1h: '1' }));
    expect((await get('user_activity', 'u-order', ['page_views_1h'])).Record).toEqual([{ FeatureName: 'page_views_1h', ValueAsString: '5' }]);

    await put('user_activity', userRecord('u-order', '2026-11-22T10:00:00.001Z', { page_views_1h: '6' }));
    expect((await get('user_activity', 'u-order', ['page_views_1h'])).Record).toEqual([{ FeatureName: 'page_views_1h', ValueAsString: '6' }]);
  });

  it('replaces the online record with one of the same EventTime', async () => {
    await put('user_activity', userRecord('u-same', '2026-11-22T10:00:00Z', { events_1h: '1' }));
    await put('user_activity', userRecord('u-same', '2026-11-22T10:00:00Z', { events_1h: '2' }));
    expect((await get('user_activity', 'u-same', ['events_1h'])).Record).toEqual([{ FeatureName: 'events_1h', ValueAsString: '2' }]);
  });

  it('compares Fractional event times as seconds', async () => {
    await put('short_lived', [{ FeatureName: 'id', ValueAsString: '42' }, { FeatureName: 'ts', ValueAsString: '4102444800.5' }, { FeatureName: 'score', ValueAsString: '1e3' }]);
    await put('short_lived', [{ FeatureName: 'id', ValueAsString: '42' }, { FeatureName: 'ts', ValueAsString: '4102444800.25' }, { FeatureName: 'score', ValueAsString: '2' }]);
    expect((await get('short_lived', '42', ['score'])).Record).toEqual([{ FeatureName: 'score', ValueAsString: '1e3' }]);
  });
});

describe('errors, with the names and status codes AWS gives', () => {
  it('puts errors on the wire as x-amzn-ErrorType and {"__type", "message"}', async () => {
    const response = await fetch(`${endpoint}/FeatureGroup/no_such_group?RecordIdentifierValueAsString=u1`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFound');
    expect(await response.json()).toEqual({
      __type: 'ResourceNotFound',
      message: "Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name no_such_group",
    });
    const notJson = await fetch(`${endpoint}/BatchGetRecord`, { method: 'POST', body: '{"Identifiers": [' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ __type: 'SerializationException', message: 'The request body is not valid JSON.' });
    const unknown = await fetch(`${endpoint}/BatchWriteRecord`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ __type: 'UnknownOperationException', message: 'No operation is served at POST /BatchWriteRecord' });
  });

  it('rejects an unknown feature group with ResourceNotFound (404)', async () => {
    expect(await sdkError(get('no_such_group', 'u1'))).toEqual({
      name: 'ResourceNotFound',
      message: "Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name no_such_group",
      status: 404,
    });
    expect((await sdkError(put('no_such_group', userRecord('u1', '2026-11-22T10:00:00Z')))).name).toBe('ResourceNotFound');
  });

  it('rejects a record with a feature the group does not define', async () => {
    expect(await sdkError(put('user_activity', userRecord('u1', '2026-11-22T10:00:00Z', { clicks: '1', page_views_5m: '1' })))).toEqual({
      name: 'ValidationError',
      message: 'The feature name(s) [clicks] in the Record are not defined in the FeatureDefinitions of FeatureGroup user_activity.',
      status: 400,
    });
  });

  it('rejects a record without its record identifier', async () => {
    const record = userRecord('u1', '2026-11-22T10:00:00Z').slice(1);
    expect(await sdkError(put('user_activity', record))).toEqual({
      name: 'ValidationError',
      message: 'The Record must contain a value for the RecordIdentifierFeatureName domain_userid of FeatureGroup user_activity.',
      status: 400,
    });
  });

  it('rejects a record without its event time', async () => {
    expect(await sdkError(put('product_activity', [{ FeatureName: 'sku', ValueAsString: 'SKU-1' }]))).toEqual({
      name: 'ValidationError',
      message: 'The Record must contain a value for the EventTimeFeatureName event_time of FeatureGroup product_activity.',
      status: 400,
    });
  });

  it('rejects a value that is not Integral for an Integral feature', async () => {
    expect(await sdkError(put('user_activity', userRecord('u1', '2026-11-22T10:00:00Z', { page_views_5m: '2.5' })))).toEqual({
      name: 'ValidationError',
      message: "The value '2.5' of feature page_views_5m is not a valid Integral.",
      status: 400,
    });
    const tooBig = await sdkError(put('user_activity', userRecord('u1', '2026-11-22T10:00:00Z', { page_views_5m: '9223372036854775808' })));
    expect(tooBig.message).toBe("The value '9223372036854775808' of feature page_views_5m is not a valid Integral.");
  });

  it('rejects a value that is not Fractional for a Fractional feature', async () => {
    const error = await sdkError(put('user_activity', userRecord('u1', '2026-11-22T10:00:00Z', { revenue_24h: 'NaN' })));
    expect(error).toEqual({ name: 'ValidationError', message: "The value 'NaN' of feature revenue_24h is not a valid Fractional.", status: 400 });
  });

  it('rejects an event time that is not ISO-8601 UTC', async () => {
    const error = await sdkError(put('user_activity', userRecord('u1', '2026-11-22 10:00:00')));
    expect(error).toEqual({
      name: 'ValidationError',
      message:
        "The EventTime value '2026-11-22 10:00:00' of feature event_time is not valid: expected ISO-8601 in UTC, yyyy-MM-dd'T'HH:mm:ssZ or yyyy-MM-dd'T'HH:mm:ss.SSSZ.",
      status: 400,
    });
    expect((await sdkError(put('user_activity', userRecord('u1', '2026-02-30T10:00:00Z')))).name).toBe('ValidationError');
  });

  it('rejects a request that breaks the API model with the AWS validation wording', async () => {
    const error = await sdkError(
      client.send(new GetRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u1', FeatureNames: ['bad name'] })),
    );
    expect(error).toEqual({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'bad name' at 'featureNames.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$",
      status: 400,
    });
  });

  it('rejects GetRecord FeatureNames the group does not define', async () => {
    expect(await sdkError(get('user_activity', 'u-subset', ['country', 'favourite_colour']))).toEqual({
      name: 'ValidationError',
      message: 'The feature name(s) [favourite_colour] are not defined in the FeatureDefinitions of FeatureGroup user_activity.',
      status: 400,
    });
  });

  it('changes nothing when a put is rejected', async () => {
    await put('user_activity', userRecord('u-unchanged', '2026-11-22T10:00:00Z', { page_views_5m: '1' }));
    await sdkError(put('user_activity', userRecord('u-unchanged', '2026-11-22T11:00:00Z', { page_views_5m: 'x' })));
    expect((await get('user_activity', 'u-unchanged', ['event_time'])).Record).toEqual([{ FeatureName: 'event_time', ValueAsString: '2026-11-22T10:00:00Z' }]);
  });
});

describe('BatchGetRecord', () => {
  it('reads across both groups; a missing record is absent, an unknown group is in Errors', async () => {
    await put('user_activity', userRecord('u-batch-1', '2026-11-22T10:00:00Z', { events_1h: '2' }));
    await put('user_activity', userRecord('u-batch-2', '2026-11-22T10:00:01Z', { events_1h: '3' }));
    await put('product_activity', [
      { FeatureName: 'sku', ValueAsString: 'SKU-B' },
      { FeatureName: 'event_time', ValueAsString: '2026-11-22T10:00:02Z' },
      { FeatureName: 'views_1h', ValueAsString: '11' },
    ]);

    const result = await client.send(
      new BatchGetRecordCommand({
        Identifiers: [
          { FeatureGroupName: 'user_activity', RecordIdentifiersValueAsString: ['u-batch-1', 'u-missing', 'u-batch-2'], FeatureNames: ['events_1h'] },
          { FeatureGroupName: 'product_activity', RecordIdentifiersValueAsString: ['SKU-B'] },
          { FeatureGroupName: 'gone_group', RecordIdentifiersValueAsString: ['x'] },
        ],
      }),
    );

    expect(result.Records).toEqual([
      { FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u-batch-1', Record: [{ FeatureName: 'events_1h', ValueAsString: '2' }] },
      { FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u-batch-2', Record: [{ FeatureName: 'events_1h', ValueAsString: '3' }] },
      {
        FeatureGroupName: 'product_activity',
        RecordIdentifierValueAsString: 'SKU-B',
        Record: [
          { FeatureName: 'sku', ValueAsString: 'SKU-B' },
          { FeatureName: 'event_time', ValueAsString: '2026-11-22T10:00:02Z' },
          { FeatureName: 'views_1h', ValueAsString: '11' },
        ],
      },
    ]);
    expect(result.Errors).toEqual([
      {
        FeatureGroupName: 'gone_group',
        RecordIdentifierValueAsString: 'x',
        ErrorCode: 'ResourceNotFound',
        ErrorMessage: "Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name gone_group",
      },
    ]);
    expect(result.UnprocessedIdentifiers).toEqual([]);
  });

  it('rejects more than 100 records in one call', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `u-${i}`);
    const error = await sdkError(
      client.send(
        new BatchGetRecordCommand({
          Identifiers: [
            { FeatureGroupName: 'user_activity', RecordIdentifiersValueAsString: ids(60) },
            { FeatureGroupName: 'product_activity', RecordIdentifiersValueAsString: ids(41) },
          ],
        }),
      ),
    );
    expect(error).toEqual({
      name: 'ValidationError',
      message: 'BatchGetRecord can retrieve at most 100 records in one request; the request asks for 101.',
      status: 400,
    });
    const ok = await client.send(new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: 'user_activity', RecordIdentifiersValueAsString: ids(100) }] }));
    expect(ok.Errors).toEqual([]);
  });
});

describe('DeleteRecord', () => {
  const del = (RecordIdentifierValueAsString: string, EventTime: string, DeletionMode?: 'SoftDelete' | 'HardDelete') =>
    client.send(new DeleteRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString, EventTime, DeletionMode }));

  it('soft-deletes a record, which then blocks older puts but not newer ones', async () => {
    await put('user_activity', userRecord('u-soft', '2026-11-22T10:00:00Z', { events_1h: '1' }));
    await del('u-soft', '2026-11-22T10:05:00Z');
    expect((await get('user_activity', 'u-soft')).Record).toBeUndefined();

    await put('user_activity', userRecord('u-soft', '2026-11-22T10:04:00Z', { events_1h: '2' }));
    expect((await get('user_activity', 'u-soft')).Record).toBeUndefined();

    await put('user_activity', userRecord('u-soft', '2026-11-22T10:06:00Z', { events_1h: '3' }));
    expect((await get('user_activity', 'u-soft', ['events_1h'])).Record).toEqual([{ FeatureName: 'events_1h', ValueAsString: '3' }]);
  });

  it('leaves the record when a soft delete is older than it', async () => {
    await put('user_activity', userRecord('u-soft-old', '2026-11-22T10:00:00Z', { events_1h: '1' }));
    await del('u-soft-old', '2026-11-22T09:00:00Z');
    expect((await get('user_activity', 'u-soft-old', ['events_1h'])).Record).toEqual([{ FeatureName: 'events_1h', ValueAsString: '1' }]);
  });

  it('hard-deletes a record, after which an older put is accepted again', async () => {
    await put('user_activity', userRecord('u-hard', '2026-11-22T10:00:00Z', { events_1h: '1' }));
    await del('u-hard', '2026-11-22T10:01:00Z', 'HardDelete');
    expect((await get('user_activity', 'u-hard')).Record).toBeUndefined();

    await put('user_activity', userRecord('u-hard', '2026-11-22T09:00:00Z', { events_1h: '9' }));
    expect((await get('user_activity', 'u-hard', ['events_1h'])).Record).toEqual([{ FeatureName: 'events_1h', ValueAsString: '9' }]);
  });

  it('rejects a hard delete that is not later than the record', async () => {
    await put('user_activity', userRecord('u-hard-old', '2026-11-22T10:00:00Z'));
    expect(await sdkError(del('u-hard-old', '2026-11-22T10:00:00Z', 'HardDelete'))).toEqual({
      name: 'ValidationError',
      message:
        'The EventTime 2026-11-22T10:00:00Z of the HardDelete must be later than the EventTime 2026-11-22T10:00:00Z of the record u-hard-old in the OnlineStore.',
      status: 400,
    });
    expect((await get('user_activity', 'u-hard-old')).Record).toHaveLength(2);
  });

  it('rejects a delete without EventTime or of an unknown group', async () => {
    const missing = await sdkError(
      client.send(new DeleteRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u1', EventTime: undefined as unknown as string })),
    );
    expect(missing).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value null at 'eventTime' failed to satisfy constraint: Member must not be null",
      status: 400,
    });
    expect((await sdkError(client.send(new DeleteRecordCommand({ FeatureGroupName: 'nope', RecordIdentifierValueAsString: 'u1', EventTime: '2026-11-22T10:00:00Z' })))).name).toBe(
      'ResourceNotFound',
    );
  });
});
