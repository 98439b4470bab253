// The live dashboard: reads every report and the health every few seconds and redraws.

import { fetchHealth, fetchReport } from './api.js';
import { setText } from './dom.js';
import { formatTime } from './format.js';
import { lastMinutes, renderAudience, renderEvents, renderFreshness, renderKpis, renderRevenue, renderTopList } from './panels.js';

/** How often the page reads the API: well within the 5 s the dashboard promises. */
const POLL_MS = 2_000;
/** Minutes the charts and totals cover. */
const CHART_MINUTES = 30;
/** Minutes the ranked lists cover: short, as page views have many distinct paths. */
const TOP_MINUTES = 15;

let health = null;
let healthReadAt = 0;

const iso = (ms) => new Date(ms).toISOString();

/** Keeps the rows whose window is one of those drawn (the server's clock may be a little ahead). */
const within = (rows, windows) => {
  const starts = new Set(windows.map(iso));
  return rows.filter((row) => starts.has(row.window_start));
};

const refresh = async () => {
  const windows = lastMinutes(Date.now(), CHART_MINUTES);
  const chartFrom = { from: iso(windows[0]) };
  const topWindows = windows.slice(-TOP_MINUTES);
  const topFrom = { from: iso(topWindows[0]) };
  const [events, visitors, sessions, revenue, orders, pages, referrers, countries, healthBody] = await Promise.all([
    fetchReport('events', chartFrom),
    fetchReport('visitors', chartFrom),
    fetchReport('sessions', chartFrom),
    fetchReport('revenue', chartFrom),
    fetchReport('orders', chartFrom),
    fetchReport('page_views', topFrom),
    fetchReport('referrers', topFrom),
    fetchReport('countries', topFrom),
    fetchHealth(),
  ]);
  const c = (rows) => within(rows, windows);
  const t = (rows) => within(rows, topWindows);
  renderKpis({ windows, events: c(events), visitors: c(visitors), sessions: c(sessions), orders: c(orders), revenue: c(revenue) });
  renderEvents(windows, c(events));
  renderAudience(windows, c(visitors), c(sessions));
  renderRevenue(windows[0], c(revenue), c(orders));
  renderTopList('panel-pages', topWindows[0], t(pages), 'No page views yet');
  renderTopList('panel-referrers', topWindows[0], t(referrers), 'No referred page views yet');
  renderTopList('panel-countries', topWindows[0], t(countries), 'No events yet');
  health = healthBody.reports ?? null;
  healthReadAt = performance.now();
  renderFreshness(health, 0);
};

const status = document.getElementById('status');

const loop = async () => {
  try {
    await refresh();
    status?.setAttribute('data-state', 'ok');
    setText('status-text', `Updated ${formatTime(Date.now())} UTC · every ${POLL_MS / 1000} s`);
  } catch (error) {
    status?.setAttribute('data-state', 'error');
    setText('status-text', `Cannot read the API (${error instanceof Error ? error.message : String(error)}); retrying`);
  } finally {
    // Scheduled after the previous round ends, so a slow API never piles requests up.
    setTimeout(loop, POLL_MS);
  }
};

// The age keeps counting between reads, so a stalled pipeline shows at once.
setInterval(() => {
  if (healthReadAt > 0) renderFreshness(health, performance.now() - healthReadAt);
}, 1_000);

loop();
