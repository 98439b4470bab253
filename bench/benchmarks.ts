import { benchParse } from './parse';

/** A benchmark: takes its command-line options, returns the JSON it prints. */
export type Benchmark = (args: readonly string[]) => Promise<unknown>;

/** Every benchmark, by the name `npm run bench -- NAME` takes. */
export const BENCHMARKS: Record<string, Benchmark> = {
  parse: benchParse,
  reports: (args) => import('./reports').then((m) => m.benchReports(args)),
  features: (args) => import('./features').then((m) => m.benchFeatures(args)),
  inference: (args) => import('./inference').then((m) => m.benchInference(args)),
  lake: (args) => import('./lake').then((m) => m.benchLake(args)),
  archive: (args) => import('./archive').then((m) => m.benchArchive(args)),
  cost: (args) => import('./cost').then((m) => m.benchCost(args)),
  sdk: (args) => import('./sdk').then((m) => m.benchSdk(args)),
};
