import type { ReportEvent } from '../../../lib/reports';

/** A typed event with the fields the reports read; a page view at 2026-11-22T10:00:30Z unless overridden. */
export function reportEvent(overrides: Partial<ReportEvent> = {}): ReportEvent {
  return {
    event_id: 'c6ef3124-b53a-4b13-a233-0088f79dcbcb',
    event_name: 'page_view',
    derived_tstamp: Date.parse('2026-11-22T10:00:30Z'),
    collector_tstamp: Date.parse('2026-11-22T10:00:31Z'),
    page_urlpath: '/products/SKU-00042',
    domain_userid: 'visitor-1',
    domain_sessionid: 'session-1',
    tr_total: null,
    tr_currency: null,
    refr_medium: 'search',
    refr_source: 'Google',
    geo_country: 'DE',
    ...overrides,
  };
}

/** A sequence number of `n`, as Kinesis writes them (56 digits). */
export const seq = (n: number): string => (49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n + BigInt(n)).toString();
