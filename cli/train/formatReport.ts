import { isAbsolute, relative } from 'node:path';
import type { TrainReport } from './trainPropensityModel';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const n = (x: number) => x.toLocaleString('en-US');
const f4 = (x: number) => x.toFixed(4);
/** A path as the user would type it from here: relative inside the working directory. */
const shown = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

/** The report of `snowline train` as the table it prints. */
export function formatReportTable(report: TrainReport): string {
  const source =
    report.source.kind === 'lake'
      ? `the lake under ${shown(report.source.dataDir ?? '.')}`
      : `generated: ${n(report.source.events ?? 0)} events, seed ${report.source.seed}, through the feature handler's computation`;
  const lines = [
    `training set   ${source}`,
    `label          order within 30 minutes of a page view`,
    `window         ${report.window.from} .. ${report.window.to}, split at ${report.window.splitAt}`,
    `rows           train ${n(report.rows.train)} (label rate ${pct(report.labelRate.train)}), test ${n(report.rows.test)} (label rate ${pct(report.labelRate.test)}), ${n(report.rows.purged)} dropped at the split, ${n(report.rows.censored)} at the end (label window past the data)`,
    '',
    'model (on the later part)   AUC      log loss',
    `xgboost                     ${f4(report.metrics.xgboost.auc)}   ${f4(report.metrics.xgboost.logLoss)}`,
    `logistic regression         ${f4(report.metrics.logistic.auc)}   ${f4(report.metrics.logistic.logLoss)}`,
    '',
    `threshold      XGBoost AUC at least ${f4(report.threshold.minAuc)} and above the baseline: ${report.refused.length === 0 ? 'met' : 'NOT met'}`,
    report.published === null ? 'published      nothing' : `published      ${report.published.version} to ${shown(report.published.dir)}`,
  ];
  return lines.join('\n') + '\n';
}

/** The report of `snowline train --json`: one object. */
export const formatReportJson = (report: TrainReport): string => `${JSON.stringify(report, null, 2)}\n`;
