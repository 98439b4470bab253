import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../lib/generator';
import { ENRICHED_FIELDS } from '../../schemas/enriched-event';
import { readTimestamp, splitRow } from './helpers';

const generated = [...generateEvents({ events: 3_000, seed: 9, lateRatio: 0.05, duplicateRatio: 0.05 })];
const lines = generated.map((g) => g.line);
const rows = lines.map(splitRow);

describe('generated TSV lines', () => {
  it('every line has exactly 131 tab-separated fields and no line break', () => {
    expect(lines.filter((l) => l.split('\t').length !== 131)).toEqual([]);
    expect(lines.filter((l) => /[\r\n]/.test(l))).toEqual([]);
  });

  it('typed values say empty with null, never with an empty string (which the TSV could not tell apart)', () => {
    const empty = generated.flatMap((g) => Object.entries(g.event).filter(([, v]) => v === '').map(([k]) => k));
    expect(empty).toEqual([]);
    const row = splitRow(lines[0]!);
    const nulls = Object.entries(generated[0]!.event).filter(([, v]) => v === null).map(([k]) => k);
    expect(nulls.length).toBeGreaterThan(40);
    for (const name of nulls) expect(row[name as keyof typeof row]).toBe('');
  });

  it('every line is between 1 KB and 5 KB, like real enriched events', () => {
    const sizes = lines.map((l) => Buffer.byteLength(l, 'utf8'));
    expect(sizes.filter((s) => s < 1_024 || s > 5_000)).toEqual([]);
  });

  it('timestamps are YYYY-MM-DD HH:MM:SS.mmm, booleans 0/1, and derived_tstamp is collector - (sent - created)', () => {
    const timestampFields = ENRICHED_FIELDS.filter((f) => f.kind === 'timestamp').map((f) => f.name);
    const booleanFields = ENRICHED_FIELDS.filter((f) => f.kind === 'boolean').map((f) => f.name);
    for (const row of rows) {
      for (const name of timestampFields) if (row[name] !== '') readTimestamp(row[name]);
      for (const name of booleanFields) expect(['0', '1']).toContain(row[name]);
      const derived = readTimestamp(row.collector_tstamp) - (readTimestamp(row.dvce_sent_tstamp) - readTimestamp(row.dvce_created_tstamp));
      expect(readTimestamp(row.derived_tstamp)).toBe(derived);
      expect(readTimestamp(row.etl_tstamp)).toBeGreaterThan(readTimestamp(row.collector_tstamp));
    }
  });

  it('lines arrive in collector order, except late events which keep their collector time at release', () => {
    const collector = rows.map((r) => readTimestamp(r.collector_tstamp));
    const backwards = collector.filter((t, i) => i > 0 && t < collector[i - 1]! - 60_000);
    expect(backwards).toEqual([]);
  });

  it('event types carry the event_vendor/name/format/version Enrich gives them', () => {
    const seen = new Map<string, string>();
    for (const r of rows) seen.set(r.event, [r.event_vendor, r.event_name, r.event_format, r.event_version].join(' '));
    expect(Object.fromEntries([...seen].sort())).toEqual({
      page_ping: 'com.snowplowanalytics.snowplow page_ping jsonschema 1-0-0',
      page_view: 'com.snowplowanalytics.snowplow page_view jsonschema 1-0-0',
      struct: 'com.google.analytics event jsonschema 1-0-0',
      transaction: 'com.snowplowanalytics.snowplow transaction jsonschema 1-0-0',
      transaction_item: 'com.snowplowanalytics.snowplow transaction_item jsonschema 1-0-0',
      unstruct: 'com.snowplowanalytics.snowplow link_click jsonschema 1-0-1',
    });
  });

  it('every Iglu vendor is dash-free and every event has web_page, client_session and the three derived contexts', () => {
    const uri = /^iglu:([a-zA-Z0-9_.]+)\/([a-zA-Z0-9_-]+)\/jsonschema\/\d+-\d+-\d+$/;
    for (const r of rows) {
      const contexts = JSON.parse(r.contexts) as { schema: string; data: { schema: string }[] };
      const derived = JSON.parse(r.derived_contexts) as { schema: string; data: { schema: string }[] };
      expect(contexts.schema).toBe('iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1');
      expect(derived.schema).toBe('iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1');
      for (const c of [...contexts.data, ...derived.data]) expect(c.schema).toMatch(uri);
      expect(contexts.data.slice(0, 1).map((c) => c.schema)).toEqual(['iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0']);
      expect(contexts.data.at(-1)!.schema).toBe('iglu:com.snowplowanalytics.snowplow/client_session/jsonschema/1-0-2');
      expect(derived.data.map((c) => c.schema)).toEqual([
        'iglu:com.snowplowanalytics.snowplow/ua_parser_context/jsonschema/1-0-0',
        'iglu:nl.basjes/yauaa_context/jsonschema/1-0-4',
        'iglu:com.iab.snowplow/spiders_and_robots/jsonschema/1-0-0',
      ]);
    }
  });

  it('the YAUAA device class agrees with dvce_ismobile and the user agent', () => {
    for (const r of rows) {
      const yauaa = (JSON.parse(r.derived_contexts) as { data: { data: { deviceClass?: string } }[] }).data[1]!.data;
      const expected = /iPad|SM-X/.test(r.useragent) ? 'Tablet' : /iPhone|Mobile Safari/.test(r.useragent) ? 'Phone' : /Googlebot/.test(r.useragent) ? 'Robot' : 'Desktop';
      expect(yauaa.deviceClass).toBe(expected);
      expect(r.dvce_ismobile).toBe(expected === 'Phone' || expected === 'Tablet' ? '1' : '0');
    }
  });

  it('money fields are plain decimals with at most two decimals', () => {
    const money = ['tr_total', 'tr_tax', 'tr_shipping', 'tr_total_base', 'tr_tax_base', 'tr_shipping_base', 'ti_price', 'ti_price_base', 'se_value'] as const;
    let checked = 0;
    for (const r of rows) {
      for (const name of money) {
        if (r[name] === '') continue;
        checked++;
        expect(r[name]).toMatch(/^\d+(\.\d{1,2})?$/);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('sessions and visitors: domain_sessionidx counts up per visitor, and logged-in sessions carry a customer id', () => {
    // Few visitors over a few hours, so that visitors come back after their 30-minute session timeout.
    const longRun = [...generateEvents({ events: 2_000, seed: 9, users: 8, sessionsPerMinute: 1 })].map((g) => splitRow(g.line));
    const sessionsByUser = new Map<string, Map<string, number>>();
    for (const r of longRun) {
      expect(r.domain_userid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.domain_sessionid).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.user_id).toMatch(/^(cust-\d{6})?$/);
      const sessions = sessionsByUser.get(r.domain_userid) ?? new Map<string, number>();
      sessions.set(r.domain_sessionid, Number(r.domain_sessionidx));
      sessionsByUser.set(r.domain_userid, sessions);
    }
    const returning = [...sessionsByUser.values()].filter((s) => s.size > 1);
    expect(returning.length).toBeGreaterThan(0);
    for (const sessions of returning) {
      const indexes = [...sessions.values()].sort((a, b) => a - b);
      expect(new Set(indexes).size).toBe(indexes.length);
      expect(indexes.at(-1)! - indexes[0]!).toBe(indexes.length - 1);
    }
    expect(rows.filter((r) => r.user_id !== '').length).toBeGreaterThan(100);
    // A session is one visitor's: never two domain_userids for one domain_sessionid.
    const owner = new Map<string, string>();
    for (const r of rows) expect(owner.set(r.domain_sessionid, owner.get(r.domain_sessionid) ?? r.domain_userid).get(r.domain_sessionid)).toBe(r.domain_userid);
  });
});
