import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../../lib/generator/generateEvents';
import { parseEnrichedEvent, parseToSdkJson } from '../../../lib/snowplow';
import { referenceSdkJson } from '../../helpers/sdk';

describe('differential against snowplow-analytics-sdk on generated traffic', () => {
  it('gives identical JSON, key order included, for 10,000 generated events', () => {
    let compared = 0;
    for (const { line } of generateEvents({ events: 10_000, seed: 42, lateRatio: 0.05, duplicateRatio: 0.02 })) {
      const ours = parseToSdkJson(line);
      if (!ours.ok) throw new Error(`rejected a generated line: ${JSON.stringify(ours.badRow.data.failure)}`);
      const theirs = referenceSdkJson(line);
      // Comparing the serialised text checks keys, values and their order in one step.
      if (JSON.stringify(ours.json) !== JSON.stringify(theirs)) expect(ours.json).toEqual(theirs);
      compared++;
    }
    expect(compared).toBe(10_000);
  });

  it('the hot path agrees with the full JSON on every field it reads', () => {
    for (const { line, eventTimeMs } of generateEvents({ events: 2_000, seed: 7 })) {
      const hot = parseEnrichedEvent(line);
      const full = parseToSdkJson(line);
      if (!hot.ok || !full.ok) throw new Error('rejected a generated line');
      const e = hot.event;
      expect(e.derived_tstamp ?? e.collector_tstamp).toBe(eventTimeMs);
      expect([e.event_id, e.event_name, e.domain_userid, e.page_urlpath ?? undefined, e.tr_total ?? undefined]).toEqual([
        full.json.event_id, full.json.event_name, full.json.domain_userid, full.json.page_urlpath, full.json.tr_total,
      ]);
    }
  });
});
