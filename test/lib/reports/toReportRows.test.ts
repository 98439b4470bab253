import { describe, expect, it } from 'vitest';
import { toReportRows } from '../../../lib/reports';

const W0 = '2026-11-22T10:00:00.000Z';
const W1 = '2026-11-22T10:01:00.000Z';

describe('toReportRows', () => {
  it('orders by window, then value descending, then dimension; adds rows of the same dimension', () => {
    const rows = toReportRows([
      { window_start: W1, dimension: 'page_view', value: 3 },
      { window_start: W0, dimension: 'b', value: 2 },
      { window_start: W0, dimension: 'page_view', value: 4 },
      { window_start: W0, dimension: 'a', value: 2 },
      { window_start: W0, dimension: 'page_view', value: 1 },
    ]);
    expect(rows).toEqual([
      { window_start: W0, dimension: 'page_view', value: 5 },
      { window_start: W0, dimension: 'a', value: 2 },
      { window_start: W0, dimension: 'b', value: 2 },
      { window_start: W1, dimension: 'page_view', value: 3 },
    ]);
  });

  it('keeps the top N dimensions of each window', () => {
    const rows = toReportRows(
      [
        { window_start: W0, dimension: '/a', value: 1 },
        { window_start: W0, dimension: '/b', value: 9 },
        { window_start: W0, dimension: '/c', value: 5 },
        { window_start: W1, dimension: '/a', value: 7 },
      ],
      { limit: 2 },
    );
    expect(rows).toEqual([
      { window_start: W0, dimension: '/b', value: 9 },
      { window_start: W0, dimension: '/c', value: 5 },
      { window_start: W1, dimension: '/a', value: 7 },
    ]);
  });

  it('keeps dimension null for reports without one', () => {
    expect(toReportRows([{ window_start: W1, dimension: null, value: 12 }, { window_start: W0, dimension: null, value: 30 }])).toEqual([
      { window_start: W0, dimension: null, value: 30 },
      { window_start: W1, dimension: null, value: 12 },
    ]);
  });
});
