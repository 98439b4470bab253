import { describe, expect, it } from 'vitest';
import { ENRICHED_FIELDS, ENRICHED_FIELD_COUNT, EnrichedEventSchema } from '../../../schemas/enriched-event';
import { LoaderParsingErrorBadRow } from '../../../schemas/bad-row';
import { parseEnrichedEvent, parseEnrichedEventStrict, InvalidFieldError } from '../../../lib/snowplow';
import { enrichedLine, SAMPLE_CONTEXTS } from '../../helpers/events';

const parse = (line: string) => {
  const result = parseEnrichedEvent(line);
  if (!result.ok) throw new Error(`expected an event, got ${JSON.stringify(result.badRow)}`);
  return result.event;
};

const failures = (line: string) => {
  const result = parseEnrichedEventStrict(line);
  if (result.ok) throw new Error('expected a bad row');
  return result.badRow.data.failure;
};

describe('the enriched event schema', () => {
  it('has 131 fields in TSV order with the documented type counts', () => {
    const count = (kind: string) => ENRICHED_FIELDS.filter((f) => f.kind === kind).length;
    expect(ENRICHED_FIELD_COUNT).toBe(131);
    expect([count('timestamp'), count('integer'), count('double'), count('boolean')]).toEqual([7, 15, 10, 11]);
    expect(count('contexts') + count('unstruct')).toBe(3);
    expect(count('string')).toBe(131 - 7 - 15 - 10 - 11 - 3);
    expect(ENRICHED_FIELDS[121]).toEqual({ index: 121, name: 'refr_dvce_tstamp', kind: 'timestamp' });
    expect(ENRICHED_FIELDS.filter((f) => f.kind === 'timestamp').map((f) => f.name)).toEqual([
      'etl_tstamp', 'collector_tstamp', 'dvce_created_tstamp', 'dvce_sent_tstamp', 'refr_dvce_tstamp', 'derived_tstamp', 'true_tstamp',
    ]);
  });
});

describe('parseEnrichedEvent', () => {
  it('types every kind of field', () => {
    const event = parse(enrichedLine({ br_features_pdf: '0', geo_latitude: '-33.8688', pp_yoffset_max: '-12' }));
    expect(event.app_id).toBe('shop');
    expect(event.user_fingerprint).toBeNull();
    expect(event.collector_tstamp).toBe(Date.UTC(2026, 10, 22, 10, 0, 0, 500));
    expect(event.true_tstamp).toBeNull();
    expect(event.txn_id).toBe(41828);
    expect(event.pp_yoffset_max).toBe(-12);
    expect(event.geo_latitude).toBe(-33.8688);
    expect(event.tr_total).toBe(12.5);
    expect(event.br_cookies).toBe(true);
    expect(event.br_features_pdf).toBe(false);
    expect(event.dvce_ismobile).toBe(false);
    expect(event.contexts?.data[1]).toEqual({ schema: 'iglu:org.schema/WebPage/jsonschema/1-0-0', data: { genre: 'product', keywords: ['shoes', 'red'] } });
    expect(event.unstruct_event).toBeNull();
  });

  it('gives a value the zod schema accepts', () => {
    const event = parse(enrichedLine());
    expect(EnrichedEventSchema.parse(event.toObject())).toEqual(event.toObject());
  });

  it('reads timestamps with and without milliseconds, as UTC', () => {
    const event = parse(enrichedLine({ collector_tstamp: '2013-11-26 00:02:05', dvce_created_tstamp: '2013-11-26 00:03:57.885', etl_tstamp: '2013-11-26 00:03:57.8' }));
    expect(event.collector_tstamp).toBe(Date.parse('2013-11-26T00:02:05Z'));
    expect(event.dvce_created_tstamp).toBe(Date.parse('2013-11-26T00:03:57.885Z'));
    expect(event.etl_tstamp).toBe(Date.parse('2013-11-26T00:03:57.800Z'));
    expect(parse(enrichedLine({ true_tstamp: '2024-02-29 23:59:59.123456' })).true_tstamp).toBe(Date.parse('2024-02-29T23:59:59.123Z'));
  });

  it('keeps empty trailing fields', () => {
    const line = enrichedLine({ true_tstamp: '', event_fingerprint: '' });
    expect(line.endsWith('\t\t')).toBe(true);
    expect(parse(line).event_fingerprint).toBeNull();
  });

  it('parses JSON fields only when read', () => {
    const event = parse(enrichedLine({ contexts: '{not json' }));
    expect(event.app_id).toBe('shop');
    expect(() => event.contexts).toThrow(InvalidFieldError);
  });

  it.each([
    [10, 'a\tb\tc\td\te\tf\tg\th\ti\tj'],
    [132, `${enrichedLine()}\textra`],
    [1, ''],
  ])('says how many fields it found (%i)', (found, line) => {
    const result = parseEnrichedEvent(line);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.message).toBe(`expected 131 tab-separated fields, found ${found}`);
    expect(result.badRow.data.failure).toEqual({ type: 'FieldNumberMismatch', fieldCount: found });
    expect(result.badRow.data.payload).toBe(line);
  });
});

describe('impossible values', () => {
  it.each([
    ['txn_id', '12x', 'field txn_id: "12x" is not an integer'],
    ['txn_id', '123.456', 'field txn_id: "123.456" is not an integer'],
    ['domain_sessionidx', ' 3', 'field domain_sessionidx: " 3" is not an integer'],
    ['page_urlport', '99999999999999999', 'field page_urlport: "99999999999999999" is not an integer'],
    ['tr_total', '1.5abc', 'field tr_total: "1.5abc" is not a number'],
    ['tr_total', 'Infinity', 'field tr_total: "Infinity" is not a number'],
    ['geo_latitude', 'NaN', 'field geo_latitude: "NaN" is not a number'],
    ['br_cookies', '2', 'field br_cookies: "2" is not a boolean ("0" or "1")'],
    ['dvce_ismobile', 'true', 'field dvce_ismobile: "true" is not a boolean ("0" or "1")'],
    ['collector_tstamp', '2013-11-26T00:02:05Z', 'field collector_tstamp: "2013-11-26T00:02:05Z" is not a timestamp (YYYY-MM-DD hh:mm:ss[.fff], UTC)'],
    ['derived_tstamp', '2013-02-30 00:00:00', 'field derived_tstamp: "2013-02-30 00:00:00" is not a timestamp (YYYY-MM-DD hh:mm:ss[.fff], UTC)'],
    ['etl_tstamp', '2013-11-26 24:00:00', 'field etl_tstamp: "2013-11-26 24:00:00" is not a timestamp (YYYY-MM-DD hh:mm:ss[.fff], UTC)'],
    ['true_tstamp', '2013-11-26 00:00:00.', 'field true_tstamp: "2013-11-26 00:00:00." is not a timestamp (YYYY-MM-DD hh:mm:ss[.fff], UTC)'],
  ] as const)('%s = %j', (field, value, message) => {
    const failure = failures(enrichedLine({ [field]: value }));
    expect(failure).toEqual({ type: 'RowDecodingError', errors: [{ type: 'InvalidValue', key: field, value, message }] });
  });

  it.each([
    ['contexts', '{not json', /^field contexts: "\{not json" is not self-describing JSON: not JSON \(.+\)$/],
    ['contexts', '{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1","data":{}}', /is not self-describing JSON: its data is not an array of contexts$/],
    ['contexts', '{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1","data":[{"data":{}}]}', /is not self-describing JSON: context 0 is not a self-describing JSON$/],
    ['derived_contexts', '[]', /^field derived_contexts: "\[\]" is not self-describing JSON: not a self-describing JSON$/],
    ['unstruct_event', '{"schema":"not-iglu","data":{}}', /is not self-describing JSON: not a self-describing JSON$/],
    ['unstruct_event', '{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":{"a":1}}', /is not self-describing JSON: its data is not a self-describing JSON$/],
  ] as const)('%s = %s', (field, value, message) => {
    const failure = failures(enrichedLine({ [field]: value }));
    expect(failure.type).toBe('RowDecodingError');
    if (failure.type !== 'RowDecodingError') return;
    expect(failure.errors).toHaveLength(1);
    expect(failure.errors[0]).toMatchObject({ type: 'InvalidValue', key: field, value });
    expect(failure.errors[0]?.message).toMatch(message);
  });

  it('lists every failing field in one bad row, in Snowplow\'s shape', () => {
    const line = enrichedLine({ txn_id: 'x', br_cookies: '7', contexts: 'nope' });
    const result = parseEnrichedEventStrict(line);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const badRow = LoaderParsingErrorBadRow.parse(result.badRow);
    expect(badRow.data.processor).toEqual({ artifact: 'snowline', version: '0.1.0' });
    expect(badRow.data.payload).toBe(line);
    // Scalars are reported by the first pass; the JSON fields only once the scalars are fine.
    expect(badRow.data.failure).toMatchObject({ errors: [{ key: 'txn_id' }, { key: 'br_cookies' }] });
  });

  it('reports every invalid JSON field at once in strict mode', () => {
    const failure = failures(enrichedLine({ contexts: 'nope', derived_contexts: 'nope', unstruct_event: 'nope' }));
    expect(failure).toMatchObject({ errors: [{ key: 'contexts' }, { key: 'unstruct_event' }, { key: 'derived_contexts' }] });
  });

  it('accepts a valid line in strict mode', () => {
    expect(parseEnrichedEventStrict(enrichedLine({ contexts: SAMPLE_CONTEXTS })).ok).toBe(true);
  });
});

describe('scalar readers', () => {
  it('readTimestamp agrees with Date.UTC on every day from year 1 to 9999', async () => {
    const { readTimestamp, daysFromCivil } = await import('../../../lib/snowplow/scalars');
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(readTimestamp(`${iso.slice(0, 10)} ${iso.slice(11, 23)}`)).toBe(date.getTime());
        expect(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(Math.floor(date.getTime() / 86_400_000));
      }),
      { numRuns: 5000 },
    );
  });

  it('readDouble accepts exactly what Number reads as a finite decimal', async () => {
    const { readDouble } = await import('../../../lib/snowplow/scalars');
    for (const ok of ['0', '-0.5', '.5', '5.', '1.0E-4', '1e+10', '37.7749', '-122.4194']) expect(readDouble(ok)).toBe(Number(ok));
    for (const bad of ['', '-', '.', 'e5', '1e', '1.5abc', ' 1', '1 ', '0x10', 'Infinity', '1e999', '+1']) expect(readDouble(bad)).toBeNaN();
  });
});

describe('readDouble fast path', () => {
  it('equals Number() on every decimal of up to 17 digits', async () => {
    const { readDouble } = await import('../../../lib/snowplow/scalars');
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.boolean(), fc.stringMatching(/^[0-9]{1,9}$/), fc.stringMatching(/^[0-9]{0,8}$/), (neg, int, frac) => {
        const text = `${neg ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`;
        expect(Object.is(readDouble(text), Number(text))).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });
});
