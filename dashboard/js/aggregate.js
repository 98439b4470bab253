// Turning the API's rows into what the panels draw. Pure functions: rows in, plain data out.

export const MINUTE_MS = 60_000;

/**
 * The window starts of a range of minutes, oldest first.
 * @param {number} fromMs the first window's start
 * @param {number} count
 * @returns {number[]}
 */
export const minutesFrom = (fromMs, count) => Array.from({ length: count }, (_, i) => fromMs + i * MINUTE_MS);

/**
 * Sums the rows' values by dimension, largest first (ties by name).
 * @param {Array<{dimension: string | null, value: number}>} rows
 * @returns {Array<{key: string | null, value: number}>}
 */
export const totalsByDimension = (rows) => {
  const totals = new Map();
  for (const row of rows) totals.set(row.dimension, (totals.get(row.dimension) ?? 0) + row.value);
  return [...totals]
    .map(([key, value]) => ({ key, value }))
    .sort((a, b) => b.value - a.value || String(a.key).localeCompare(String(b.key)));
};

/**
 * The value of each window of a report without a dimension (0 where a window has no row).
 * @param {Array<{window_start: string, value: number}>} rows
 * @param {number[]} windows window starts, epoch ms
 * @returns {number[]}
 */
export const seriesOf = (rows, windows) => {
  const byWindow = new Map(rows.map((row) => [Date.parse(row.window_start), row.value]));
  return windows.map((w) => byWindow.get(w) ?? 0);
};

/**
 * One series per dimension value, each with a value per window, largest total first.
 * @param {Array<{window_start: string, dimension: string | null, value: number}>} rows
 * @param {number[]} windows
 * @returns {Array<{key: string | null, total: number, values: number[]}>}
 */
export const stackedSeries = (rows, windows) => {
  const index = new Map(windows.map((w, i) => [w, i]));
  const series = new Map();
  for (const row of rows) {
    const i = index.get(Date.parse(row.window_start));
    if (i === undefined) continue;
    let entry = series.get(row.dimension);
    if (!entry) series.set(row.dimension, (entry = { key: row.dimension, total: 0, values: windows.map(() => 0) }));
    entry.values[i] += row.value;
    entry.total += row.value;
  }
  return [...series.values()].sort((a, b) => b.total - a.total || String(a.key).localeCompare(String(b.key)));
};

/**
 * Joins two reports by dimension (revenue and orders by currency).
 * @param {Array<{key: string | null, value: number}>} left
 * @param {Array<{key: string | null, value: number}>} right
 * @returns {Array<{key: string | null, left: number, right: number}>}
 */
export const joinTotals = (left, right) => {
  const keys = [...new Set([...left.map((t) => t.key), ...right.map((t) => t.key)])];
  const find = (list, key) => list.find((t) => t.key === key)?.value ?? 0;
  return keys
    .map((key) => ({ key, left: find(left, key), right: find(right, key) }))
    .sort((a, b) => b.left - a.left || String(a.key).localeCompare(String(b.key)));
};
