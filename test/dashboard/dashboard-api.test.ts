import { beforeEach, describe, expect, it } from 'vitest';
import { createDashboardApiHandler } from '../../handlers/dashboard-api';
import { apiEvent, healthEvent, reportEvent } from './helpers';
import { InMemoryReportReader, type StoredRow } from './InMemoryReportReader';

const NOW = Date.parse('2026-11-22T10:41:30.000Z');
const KNOWN = ['events', 'page_views', 'visitors', 'sessions', 'revenue', 'orders', 'referrers', 'countries'];

const pv = (window_start: string, dimension: string, value: number): StoredRow => ({ report: 'page_views', granularity: 'minute', window_start, dimension, value });

const PAGE_VIEWS: StoredRow[] = [
  pv('2026-11-22T09:00:00.000Z', '/old', 99), // before the default range
  pv('2026-11-22T10:40:00.000Z', '/a', 5),
  pv('2026-11-22T10:40:00.000Z', '/b', 9),
  pv('2026-11-22T10:40:00.000Z', '/c', 5),
  pv('2026-11-22T10:40:00.000Z', '/d', 1),
  pv('2026-11-22T10:39:00.000Z', '/x', 3),
  pv('2026-11-22T10:39:00.000Z', '/a', 7),
  pv('2026-11-22T10:41:00.000Z', '/<img src=x onerror=alert(1)>', 2),
];

let reader: InMemoryReportReader;
let handler: ReturnType<typeof createDashboardApiHandler>;
let logged: unknown[];

beforeEach(() => {
  reader = new InMemoryReportReader();
  reader.set(PAGE_VIEWS);
  logged = [];
  handler = createDashboardApiHandler({ reader, now: () => NOW, onError: (e) => logged.push(e) });
});

const get = async (report: string, query?: Record<string, string>) => {
  const result = await handler(reportEvent(report, query));
  return { status: result.statusCode, headers: result.headers, body: JSON.parse(result.body as string) as unknown };
};

describe('GET /api/reports/{report}: parameters', () => {
  it('defaults to the last hour by minute: from = to - 1 h, to = now', async () => {
    const { status } = await get('page_views');
    expect(status).toBe(200);
    expect(reader.queries).toEqual([
      { report: 'page_views', granularity: 'minute', fromMs: Date.parse('2026-11-22T09:41:30.000Z'), toMs: NOW },
    ]);
  });

  it('passes from, to and granularity to the store; from alone ends now, to alone starts an hour earlier', async () => {
    await get('visitors', { from: '2026-11-22T08:00:00Z', to: '2026-11-22T10:00:00+01:00', granularity: 'hour' });
    await get('visitors', { from: '2026-11-22T10:00:00.500Z' });
    await get('visitors', { to: '2026-11-22T10:00:00Z' });
    expect(reader.queries).toEqual([
      { report: 'visitors', granularity: 'hour', fromMs: Date.parse('2026-11-22T08:00:00Z'), toMs: Date.parse('2026-11-22T09:00:00Z') },
      { report: 'visitors', granularity: 'minute', fromMs: Date.parse('2026-11-22T10:00:00.500Z'), toMs: NOW },
      { report: 'visitors', granularity: 'minute', fromMs: Date.parse('2026-11-22T09:00:00Z'), toMs: Date.parse('2026-11-22T10:00:00Z') },
    ]);
  });

  const ISO = 'an ISO-8601 date-time with a time zone, such as 2026-11-22T10:41:00Z';
  const LIMIT = 'an integer from 1 to 1000';
  it.each([
    [{ from: 'yesterday' }, 'from', `from: expected ${ISO}, got "yesterday"`],
    [{ from: '2026-11-22' }, 'from', `from: expected ${ISO}, got "2026-11-22"`],
    [{ to: '2026-11-22T10:41:00' }, 'to', `to: expected ${ISO}, got "2026-11-22T10:41:00"`],
    [{ to: '2026-02-30T10:00:00Z' }, 'to', `to: expected ${ISO}, got "2026-02-30T10:00:00Z"`],
    [{ granularity: 'day' }, 'granularity', 'granularity: expected one of minute, hour, got "day"'],
    [{ granularity: 'Minute' }, 'granularity', 'granularity: expected one of minute, hour, got "Minute"'],
    [{ dimension: '' }, 'dimension', 'dimension: expected a non-empty value, got ""'],
    [{ limit: '0' }, 'limit', `limit: expected ${LIMIT}, got "0"`],
    [{ limit: '-3' }, 'limit', `limit: expected ${LIMIT}, got "-3"`],
    [{ limit: '2.5' }, 'limit', `limit: expected ${LIMIT}, got "2.5"`],
    [{ limit: 'ten' }, 'limit', `limit: expected ${LIMIT}, got "ten"`],
    [{ limit: '1001' }, 'limit', `limit: expected ${LIMIT}, got "1001"`],
    [{ limit: '1,2' }, 'limit', `limit: expected ${LIMIT}, got "1,2"`],
    [{ granularty: 'hour' }, 'granularty', 'granularty: unknown parameter; the parameters are from, to, granularity, dimension, limit'],
    [{ limit: 'x', extra: '1' }, 'extra', 'extra: unknown parameter; the parameters are from, to, granularity, dimension, limit'],
    [{ from: '2026-11-22T10:00:00Z', to: '2026-11-22T09:00:00Z' }, 'from', 'from: 2026-11-22T10:00:00Z is not before to (2026-11-22T09:00:00Z)'],
    [{ from: '2026-11-22T10:00:00Z', to: '2026-11-22T10:00:00Z' }, 'from', 'from: 2026-11-22T10:00:00Z is not before to (2026-11-22T10:00:00Z)'],
    [{ from: '2026-11-22T11:00:00Z' }, 'from', 'from: 2026-11-22T11:00:00Z is not before now (2026-11-22T10:41:30.000Z), as to is not given'],
    [
      { from: '2026-11-21T10:00:00Z', to: '2026-11-22T10:01:00Z' },
      'from',
      'from: the range spans 1441 minute windows, at most 1440 are allowed; use granularity=hour for longer ranges',
    ],
    [
      { from: '2026-10-22T10:00:00Z', to: '2026-11-22T11:00:00Z', granularity: 'hour' },
      'from',
      'from: the range spans 745 hour windows, at most 744 are allowed',
    ],
  ])('%j is a 400 naming %s', async (query, parameter, message) => {
    const { status, headers, body } = await get('page_views', query);
    expect(status).toBe(400);
    expect(headers).toEqual({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    expect(body).toEqual({ error: 'InvalidParameterError', parameter, message });
    expect(reader.queries).toEqual([]);
  });

  it('a dimension on a report without one is a 400 naming dimension', async () => {
    const { status, body } = await get('visitors', { dimension: '/a' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'InvalidParameterError', parameter: 'dimension', message: 'dimension: report visitors has no dimension to filter on' });
  });

  it('accepts exactly the largest ranges: 1440 minute windows, 744 hour windows', async () => {
    expect((await get('events', { from: '2026-11-21T10:00:00Z', to: '2026-11-22T10:00:00Z' })).status).toBe(200);
    expect((await get('events', { from: '2026-11-21T10:00:00.001Z', to: '2026-11-22T10:00:00.001Z' })).status).toBe(200);
    expect((await get('events', { from: '2026-10-22T10:00:00Z', to: '2026-11-22T10:00:00Z', granularity: 'hour' })).status).toBe(200);
    expect(reader.queries).toHaveLength(3);
  });

  it.each(['pageviews', 'constructor', '__proto__', ''])('unknown report %j is a 404 naming it and listing the known ones', async (report) => {
    const { status, body } = await get(report);
    expect(status).toBe(404);
    expect(body).toEqual({
      error: 'UnknownReportError',
      report,
      known: KNOWN,
      message: `unknown report ${JSON.stringify(report)}; known reports: ${KNOWN.join(', ')}`,
    });
    expect(reader.queries).toEqual([]);
  });
});

describe('GET /api/reports/{report}: rows', () => {
  it('orders rows by window_start, then value descending, then dimension', async () => {
    const { status, body } = await get('page_views');
    expect(status).toBe(200);
    expect(body).toEqual({
      report: 'page_views',
      granularity: 'minute',
      rows: [
        { window_start: '2026-11-22T10:39:00.000Z', dimension: '/a', value: 7 },
        { window_start: '2026-11-22T10:39:00.000Z', dimension: '/x', value: 3 },
        { window_start: '2026-11-22T10:40:00.000Z', dimension: '/b', value: 9 },
        { window_start: '2026-11-22T10:40:00.000Z', dimension: '/a', value: 5 },
        { window_start: '2026-11-22T10:40:00.000Z', dimension: '/c', value: 5 },
        { window_start: '2026-11-22T10:40:00.000Z', dimension: '/d', value: 1 },
        { window_start: '2026-11-22T10:41:00.000Z', dimension: '/<img src=x onerror=alert(1)>', value: 2 },
      ],
    });
  });

  it('limit keeps the top N dimensions of each window', async () => {
    const { body } = await get('page_views', { limit: '2' });
    expect(body).toEqual({
      report: 'page_views',
      granularity: 'minute',
      rows: [
        { window_start: '2026-11-22T10:39:00.000Z', dimension: '/a', value: 7 },
        { window_start: '2026-11-22T10:39:00.000Z', dimension: '/x', value: 3 },
        { window_start: '2026-11-22T10:40:00.000Z', dimension: '/b', value: 9 },
        { window_start: '2026-11-22T10:40:00.000Z', dimension: '/a', value: 5 },
        { window_start: '2026-11-22T10:41:00.000Z', dimension: '/<img src=x onerror=alert(1)>', value: 2 },
      ],
    });
  });

  it('dimension keeps one value, before the limit applies', async () => {
    const { body } = await get('page_views', { dimension: '/a', limit: '1' });
    expect(body).toEqual({
      report: 'page_views',
      granularity: 'minute',
      rows: [
        { window_start: '2026-11-22T10:39:00.000Z', dimension: '/a', value: 7 },
        { window_start: '2026-11-22T10:40:00.000Z', dimension: '/a', value: 5 },
      ],
    });
  });

  it('a report without a dimension gives "dimension": null', async () => {
    reader.set([
      { report: 'visitors', granularity: 'hour', window_start: '2026-11-22T10:00:00.000Z', dimension: null, value: 41 },
      { report: 'visitors', granularity: 'hour', window_start: '2026-11-22T09:00:00.000Z', dimension: null, value: 230 },
    ]);
    const result = await handler(reportEvent('visitors', { granularity: 'hour', from: '2026-11-22T09:00:00Z' }));
    expect(result.body).toBe(
      '{"report":"visitors","granularity":"hour","rows":[{"window_start":"2026-11-22T09:00:00.000Z","dimension":null,"value":230},' +
        '{"window_start":"2026-11-22T10:00:00.000Z","dimension":null,"value":41}]}',
    );
  });

  it('an empty range gives no rows', async () => {
    const { status, body } = await get('revenue', { from: '2026-11-22T10:00:00Z' });
    expect(status).toBe(200);
    expect(body).toEqual({ report: 'revenue', granularity: 'minute', rows: [] });
  });

  it('a store failure is thrown, for Lambda to log and API Gateway to answer 500', async () => {
    reader.failWith = new Error('ProvisionedThroughputExceededException');
    await expect(handler(reportEvent('page_views'))).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});

describe('GET /api/health', () => {
  it('gives the newest event time counted and the lag behind now', async () => {
    reader.set([], { newestEventTimeMs: Date.parse('2026-11-22T10:41:27.250Z'), updatedAtMs: Date.parse('2026-11-22T10:41:28.004Z') });
    const result = await handler(healthEvent());
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body as string)).toEqual({
      ready: true,
      reports: { newest_event_time: '2026-11-22T10:41:27.250Z', updated_at: '2026-11-22T10:41:28.004Z', lag_ms: 2750 },
    });
  });

  it('gives nulls before the first event, and a lag of 0 for an event time ahead of the clock', async () => {
    expect(JSON.parse((await handler(healthEvent())).body as string)).toEqual({
      ready: true,
      reports: { newest_event_time: null, updated_at: null, lag_ms: null },
    });
    reader.set([], { newestEventTimeMs: NOW + 5_000, updatedAtMs: null });
    expect(JSON.parse((await handler(healthEvent())).body as string)).toEqual({
      ready: true,
      reports: { newest_event_time: '2026-11-22T10:41:35.000Z', updated_at: null, lag_ms: 0 },
    });
  });

  it('is a 503 without internal details when the store does not answer, and reports the error', async () => {
    const failure = new Error('AccessDeniedException: arn:aws:dynamodb:eu-west-1:123456789012:table/snowline-reports');
    reader.failWith = failure;
    const result = await handler(healthEvent());
    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body as string)).toEqual({ ready: false, reports: null, error: 'the report store did not answer' });
    expect(logged).toEqual([failure]);
  });
});

it('a route it does not serve is a 404', async () => {
  const result = await handler(apiEvent('GET /api/other', '/api/other'));
  expect(result.statusCode).toBe(404);
  expect(result.body).toBe('{"message":"Not Found"}');
});
