import type { ReportName } from './definitions';
import { toMicroUnits } from './decimalAmount';
import type { ReportEvent } from './types';

/** One addition an event makes to a count or sum report. */
export interface Measurement {
  readonly report: ReportName;
  /** The dimension's value. */
  readonly dimension: string;
  /** 1 for a count; micro-units for a sum. */
  readonly amount: number;
}

/** One value an event adds to a distinct-count report. */
export interface DistinctValue {
  readonly report: ReportName;
  readonly value: string;
}

/** What one event adds to every report. */
export interface EventMeasurements {
  readonly counts: Measurement[];
  readonly distinct: DistinctValue[];
}

/**
 * What one event adds to each report, by the rules of `REPORTS` and the generator's ground
 * truth: events by `event_name`; page views by `page_urlpath` and by referrer
 * (`<refr_medium or direct>/<refr_source or direct>`); every event by `geo_country` (or
 * `unknown`); transactions (`event_name` `transaction`) by `tr_currency`, counted and summing
 * `tr_total`; `domain_userid` and `domain_sessionid` to the distinct counts. A missing
 * `event_name`, `page_urlpath` or `tr_currency` is the empty string, as in the truth.
 *
 * @example
 * measureEvent(pageView).counts; // [{ report: 'events', dimension: 'page_view', amount: 1 }, ...]
 */
export function measureEvent(event: ReportEvent): EventMeasurements {
  const name = event.event_name ?? '';
  const counts: Measurement[] = [
    { report: 'events', dimension: name, amount: 1 },
    { report: 'countries', dimension: event.geo_country || 'unknown', amount: 1 },
  ];
  if (name === 'page_view') {
    counts.push(
      { report: 'page_views', dimension: event.page_urlpath ?? '', amount: 1 },
      { report: 'referrers', dimension: `${event.refr_medium || 'direct'}/${event.refr_source || 'direct'}`, amount: 1 },
    );
  } else if (name === 'transaction') {
    const currency = event.tr_currency ?? '';
    counts.push(
      { report: 'orders', dimension: currency, amount: 1 },
      { report: 'revenue', dimension: currency, amount: toMicroUnits(event.tr_total ?? 0, event.event_id, 'tr_total') },
    );
  }
  const distinct: DistinctValue[] = [];
  if (event.domain_userid) distinct.push({ report: 'visitors', value: event.domain_userid });
  if (event.domain_sessionid) distinct.push({ report: 'sessions', value: event.domain_sessionid });
  return { counts, distinct };
}
