import { parseArgs } from 'node:util';
import { estimateCost, PRICE_REGION, PRICES, PRICES_READ_ON } from './cost/index';

const round = (usd: number) => Number(usd.toFixed(4));

/**
 * `npm run -s bench -- cost [--events-per-month N] [--events-per-record K] [--wru-per-report-write W] [--user-item-kb U] [--wru-per-user-write W] [--product-item-kb P]`:
 * the cost of running Snowline on AWS, computed (no AWS call, nothing measured here) from the
 * benchmarks' measured writes per event and handler CPU and the public prices in
 * `bench/cost/constants.ts`: the variable cost per million events, line by line with its
 * arithmetic, the fixed cost per month, and with `--events-per-month` the month's total.
 */
export async function benchCost(args: readonly string[]): Promise<unknown> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      'events-per-month': { type: 'string' },
      'events-per-record': { type: 'string', default: '1' },
      'wru-per-report-write': { type: 'string', default: '1' },
      'user-item-kb': { type: 'string', default: '1' },
      'wru-per-user-write': { type: 'string' },
      'product-item-kb': { type: 'string', default: '1' },
    },
  });
  const number = (name: string, raw: string | undefined) => {
    const n = Number(raw);
    if (raw === undefined || !Number.isFinite(n) || n <= 0) throw new Error(`--${name} expects a number above 0, got "${raw}"`);
    return n;
  };
  const estimate = estimateCost({
    assumptions: {
      eventsPerRecord: number('events-per-record', values['events-per-record']),
      wruPerReportWrite: number('wru-per-report-write', values['wru-per-report-write']),
      userStateItemKb: number('user-item-kb', values['user-item-kb']),
      ...(values['wru-per-user-write'] === undefined ? {} : { wruPerUserWrite: number('wru-per-user-write', values['wru-per-user-write']) }),
      productStateItemKb: number('product-item-kb', values['product-item-kb']),
    },
  });
  const lines = (ls: typeof estimate.perMillionEvents.lines) => ls.map((l) => ({ ...l, usd: round(l.usd) }));
  const monthlyEvents = values['events-per-month'] === undefined ? null : number('events-per-month', values['events-per-month']);
  return {
    prices: { region: PRICE_REGION, readOn: PRICES_READ_ON, notInStoredPages: Object.entries(PRICES).filter(([, p]) => p.provenance !== 'stored page').map(([name]) => name) },
    perMillionEvents: { totalUsd: round(estimate.perMillionEvents.totalUsd), lines: lines(estimate.perMillionEvents.lines) },
    fixedPerMonth: { totalUsd: round(estimate.fixedPerMonth.totalUsd), lines: lines(estimate.fixedPerMonth.lines) },
    ...(monthlyEvents === null
      ? {}
      : { month: { events: monthlyEvents, variableUsd: round((estimate.perMillionEvents.totalUsd * monthlyEvents) / 1e6), totalUsd: round((estimate.perMillionEvents.totalUsd * monthlyEvents) / 1e6 + estimate.fixedPerMonth.totalUsd) } }),
  };
}
