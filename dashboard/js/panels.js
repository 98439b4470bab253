// Each panel of the page, drawn from the API's rows. Panels replace their content whole.

import { minutesFrom, joinTotals, seriesOf, stackedSeries, totalsByDimension } from './aggregate.js';
import { barList, legend, lineChart, stackedBars } from './charts.js';
import { el, fill, setText } from './dom.js';
import { formatAge, formatCount, formatMinute, formatMoney } from './format.js';

/** How many entries the ranked lists show. */
export const TOP_N = 10;

/**
 * Marks a panel with the range it shows, so anyone can ask the API for the same numbers.
 * @param {string} id
 * @param {number} fromMs
 */
const markRange = (id, fromMs) => document.getElementById(id)?.setAttribute('data-from', new Date(fromMs).toISOString());

/**
 * The headline tiles.
 * @param {{windows: number[], events: any[], visitors: any[], sessions: any[], orders: any[], revenue: any[]}} data
 */
export const renderKpis = ({ windows, events, visitors, sessions, orders, revenue }) => {
  // The current minute is still filling up; the last full one is the honest "per minute" figure.
  const last = windows[windows.length - 2] ?? windows[0];
  const lastIso = new Date(last).toISOString();
  for (const [id, rows] of [['kpi-visitors', visitors], ['kpi-sessions', sessions]]) {
    const value = rows.find((r) => r.window_start === lastIso)?.value ?? 0;
    setText(`${id}-value`, formatCount(value));
    setText(`${id}-note`, `in the minute from ${formatMinute(last)} UTC`);
    document.getElementById(id)?.setAttribute('data-window', lastIso);
  }
  setText('kpi-events-value', formatCount(events.reduce((sum, r) => sum + r.value, 0)));
  setText('kpi-orders-value', formatCount(orders.reduce((sum, r) => sum + r.value, 0)));
  const byCurrency = totalsByDimension(revenue);
  fill('kpi-revenue-value', byCurrency.length === 0 ? [el('span', {}, ['0.00'])] : byCurrency.slice(0, 3).map((t) => el('span', { 'data-key': t.key ?? '' }, [formatMoney(t.value, t.key)])));
  for (const id of ['kpi-events', 'kpi-orders', 'kpi-revenue']) markRange(id, windows[0]);
};

/** Events per minute, stacked by event name. */
export const renderEvents = (windows, rows) => {
  const series = stackedSeries(rows, windows);
  fill('events-chart', [stackedBars(windows, series, 'Events per minute by event name')]);
  fill('events-legend', [legend(series)]);
  markRange('panel-events', windows[0]);
};

/** Distinct visitors and sessions per minute. */
export const renderAudience = (windows, visitors, sessions) => {
  const lines = [
    { key: 'visitors', values: seriesOf(visitors, windows), total: 0 },
    { key: 'sessions', values: seriesOf(sessions, windows), total: 0 },
  ];
  fill('audience-chart', [lineChart(windows, lines, 'Distinct visitors and sessions per minute')]);
  fill('audience-legend', [legend(lines.map((l) => ({ key: l.key, total: l.values[l.values.length - 2] ?? 0 })))]);
  markRange('panel-audience', windows[0]);
};

/**
 * A ranked list of one report's dimension values, summed over the range.
 * @param {string} id the panel's id; its list goes in `${id}-list`
 */
export const renderTopList = (id, fromMs, rows, empty) => {
  fill(`${id}-list`, [barList(totalsByDimension(rows).slice(0, TOP_N), formatCount, empty)]);
  markRange(id, fromMs);
};

/** Revenue and orders by currency. */
export const renderRevenue = (fromMs, revenue, orders) => {
  const joined = joinTotals(totalsByDimension(revenue), totalsByDimension(orders));
  const rows = joined.map((j) =>
    el('tr', { 'data-key': j.key ?? '' }, [el('th', { scope: 'row' }, [j.key ?? '(none)']), el('td', { class: 'orders' }, [formatCount(j.right)]), el('td', { class: 'revenue' }, [formatMoney(j.left, null)])]),
  );
  fill('revenue-body', rows.length ? rows : [el('tr', {}, [el('td', { colspan: '3', class: 'empty' }, ['No orders yet'])])]);
  markRange('panel-revenue', fromMs);
};

/** Freshness thresholds: green under a minute, amber under five, red beyond. */
const FRESH_MS = 60_000;
const LATE_MS = 300_000;

/**
 * The freshness indicator: the age of the newest counted event.
 * @param {{newest_event_time: string | null, lag_ms: number | null} | null | undefined} reports
 * @param {number} sinceFetchMs how long ago the health was read
 */
export const renderFreshness = (reports, sinceFetchMs) => {
  const node = document.getElementById('freshness');
  if (!node) return;
  if (!reports || reports.lag_ms === null || reports.newest_event_time === null) {
    node.dataset.state = 'none';
    setText('freshness-text', 'No events counted yet');
    return;
  }
  const age = reports.lag_ms + sinceFetchMs;
  node.dataset.state = age < FRESH_MS ? 'fresh' : age < LATE_MS ? 'late' : 'stale';
  node.dataset.newest = reports.newest_event_time;
  node.title = `Newest counted event time: ${reports.newest_event_time}`;
  setText('freshness-text', `Newest event ${formatAge(age)} ago`);
};

/** The windows of the last `count` minutes, the current one last. @param {number} nowMs @param {number} count */
export const lastMinutes = (nowMs, count) => minutesFrom(Math.floor(nowMs / 60_000) * 60_000 - (count - 1) * 60_000, count);
