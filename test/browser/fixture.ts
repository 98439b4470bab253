import type { ReportName } from '../../lib/reports';
import type { StoredRow } from '../dashboard/InMemoryReportReader';

/** A page path that would run script if the dashboard ever parsed data as HTML. */
export const XSS_PATH = '/<img src=x onerror="window.__xss=1;alert(1)">';
/** A referrer that would become a <b> element if parsed as HTML. */
export const XSS_REFERRER = 'social/<b id="pwned">bold</b>';

const MINUTE = 60_000;

const row = (report: ReportName, windowMs: number, dimension: string | null, value: number): StoredRow => ({
  report,
  granularity: 'minute',
  window_start: new Date(windowMs).toISOString(),
  dimension,
  value,
});

/**
 * A shop's last ten full minutes (the current minute excluded, so the page and the test see the
 * same windows even across a minute boundary): values differ per minute so a mix-up shows.
 */
export const seedRows = (nowMs: number): StoredRow[] => {
  const current = Math.floor(nowMs / MINUTE) * MINUTE;
  const rows: StoredRow[] = [];
  for (let k = 1; k <= 10; k += 1) {
    const w = current - k * MINUTE;
    rows.push(
      row('events', w, 'page_view', 40 + k),
      row('events', w, 'page_ping', 25 + 2 * k),
      row('events', w, 'transaction', k % 3),
      row('visitors', w, null, 17 + k),
      row('sessions', w, null, 19 + k),
      row('page_views', w, '/', 12 + k),
      row('page_views', w, '/products/SKU-00042', 7),
      row('page_views', w, '/cart', k),
      row('page_views', w, XSS_PATH, 2),
      row('referrers', w, 'search/Google', 9),
      row('referrers', w, XSS_REFERRER, 1),
      row('countries', w, 'DE', 20 + k),
      row('countries', w, 'US', 15),
      row('countries', w, 'FR', k),
      row('orders', w, 'EUR', k % 3),
      row('revenue', w, 'EUR', (k % 3) * 49.9),
    );
    if (k % 4 === 0) rows.push(row('orders', w, 'USD', 1), row('revenue', w, 'USD', 129.35));
  }
  return rows;
};
