// Small charts built from SVG and plain elements: stacked bars, lines and bar lists.
// Colours come from the classes s0..s7 in styles.css, so no style attribute is ever written.

import { el, svg } from './dom.js';
import { formatCount, formatMinute } from './format.js';

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 12, right: 12, bottom: 22, left: 44 };
const PALETTE_SIZE = 8;

/** The colour class of the i-th series. @param {number} i */
export const colorClass = (i) => `s${i % PALETTE_SIZE}`;

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten. @param {number} max */
const niceMax = (max) => {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((m) => m * power).find((v) => v >= max)) ?? max;
};

/** Axes, gridlines and labels shared by both charts. */
const frame = (windows, top, label) => {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const parts = [];
  for (const f of [0, 0.5, 1]) {
    const y = PAD.top + plotH * (1 - f);
    parts.push(svg('line', { class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y }));
    parts.push(svg('text', { class: 'axis', x: PAD.left - 6, y: y + 4, 'text-anchor': 'end' }, [formatCount(Math.round(top * f))]));
  }
  const ticks = windows.length > 1 ? [0, Math.floor((windows.length - 1) / 2), windows.length - 1] : [0];
  for (const i of ticks) {
    const x = PAD.left + (plotW * (i + 0.5)) / windows.length;
    parts.push(svg('text', { class: 'axis', x, y: HEIGHT - 6, 'text-anchor': 'middle' }, [formatMinute(windows[i])]));
  }
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label, class: 'chart' }, parts);
  return { chart, plotW, plotH };
};

/**
 * A bar per window, stacked by series.
 * @param {number[]} windows window starts
 * @param {Array<{key: string | null, values: number[]}>} series
 * @param {string} label what the chart shows, for screen readers
 */
export const stackedBars = (windows, series, label) => {
  const totals = windows.map((_, i) => series.reduce((sum, s) => sum + s.values[i], 0));
  const top = niceMax(Math.max(0, ...totals));
  const { chart, plotW, plotH } = frame(windows, top, label);
  const slot = plotW / windows.length;
  windows.forEach((w, i) => {
    let y = PAD.top + plotH;
    series.forEach((s, k) => {
      const h = (s.values[i] / top) * plotH;
      if (h <= 0) return;
      y -= h;
      const title = svg('title', {}, [`${formatMinute(w)} UTC · ${s.key ?? '(none)'}: ${formatCount(s.values[i])}`]);
      // The last window is the current minute, still filling up: drawn lighter.
      const cls = i === windows.length - 1 ? `${colorClass(k)} partial` : colorClass(k);
      chart.append(svg('rect', { class: cls, x: PAD.left + i * slot + slot * 0.12, y, width: slot * 0.76, height: h }, [title]));
    });
  });
  return chart;
};

/**
 * One line per series over the windows, with a dot on each point.
 * @param {number[]} windows
 * @param {Array<{key: string, values: number[]}>} lines
 * @param {string} label
 */
export const lineChart = (windows, lines, label) => {
  const top = niceMax(Math.max(0, ...lines.flatMap((l) => l.values)));
  const { chart, plotW, plotH } = frame(windows, top, label);
  const slot = plotW / windows.length;
  lines.forEach((line, k) => {
    const points = line.values.map((v, i) => [PAD.left + slot * (i + 0.5), PAD.top + plotH * (1 - v / top)]);
    chart.append(svg('polyline', { class: `line ${colorClass(k)}`, points: points.map((p) => p.join(',')).join(' ') }));
    points.forEach(([x, y], i) => {
      const title = svg('title', {}, [`${formatMinute(windows[i])} UTC · ${line.key}: ${formatCount(line.values[i])}`]);
      chart.append(svg('circle', { class: `dot ${colorClass(k)}${i === windows.length - 1 ? ' partial' : ''}`, cx: x, cy: y, r: 2.5 }, [title]));
    });
  });
  return chart;
};

/**
 * A legend: a swatch, the series' name and its total.
 * @param {Array<{key: string | null, total: number}>} series
 */
export const legend = (series) =>
  el(
    'ul',
    { class: 'legend' },
    series.map((s, k) =>
      el('li', { 'data-key': s.key ?? '' }, [el('span', { class: `swatch ${colorClass(k)}` }), el('span', { class: 'name' }, [s.key ?? '(none)']), el('span', { class: 'value' }, [formatCount(s.total)])]),
    ),
  );

/**
 * A ranked list with a horizontal bar behind each value.
 * @param {Array<{key: string | null, value: number}>} items largest first
 * @param {(value: number) => string} format
 * @param {string} empty what to show when there is nothing
 */
export const barList = (items, format, empty) => {
  if (items.length === 0) return el('p', { class: 'empty' }, [empty]);
  const max = Math.max(...items.map((i) => i.value));
  return el(
    'ol',
    { class: 'bars' },
    items.map((item) => {
      const bar = el('span', { class: 'bar' });
      bar.style.width = `${max > 0 ? (item.value / max) * 100 : 0}%`;
      const name = item.key ?? '(none)';
      return el('li', { 'data-key': name, title: name }, [bar, el('span', { class: 'name' }, [name]), el('span', { class: 'value' }, [format(item.value)])]);
    }),
  );
};
