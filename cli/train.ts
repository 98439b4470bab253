import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MIN_AUC, DEFAULT_TEST_SHARE, ModelRejectedError } from '../lib/training';
import { addDataDirOption, type DataDirOption } from './dataDir';
import { wholeNumber } from './options';
import { DEFAULT_GENERATED_EVENTS, DEFAULT_PYTHON } from './train/constants';
import { formatReportJson, formatReportTable } from './train/formatReport';

/** Where the trained artifact is published by default: committed, so `npm start` and `cdk synth` serve it. */
export const DEFAULT_MODEL_DIR = join(import.meta.dirname, '..', 'model', 'propensity');

/** The parsed flags of `snowline train`. */
interface TrainFlags extends DataDirOption {
  readonly generate?: number;
  readonly seed: number;
  readonly minAuc: number;
  readonly testShare: number;
  readonly out: string;
  readonly python: string;
  readonly json?: boolean;
}

const openRatio = (flag: string) => (value: string): number => {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x <= 0 || x >= 1) throw new InvalidArgumentError(`${flag} expects a number between 0 and 1 (exclusive), got "${value}".`);
  return x;
};
const auc = (value: string): number => {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1) throw new InvalidArgumentError(`--min-auc expects an AUC between 0 and 1, got "${value}".`);
  return x;
};

/** `snowline train`: train, evaluate and publish the purchase-propensity model. */
export function registerTrain(program: Command): void {
  addDataDirOption(
    program
      .command('train')
      .description(
        'Train the purchase-propensity model (XGBoost, beside a logistic-regression baseline) on the point-in-time-correct ' +
          'training set (queries/feature_training_set.sql) of the lake under --data-dir, or of generated traffic when the lake is empty ' +
          'or --generate is given; split by time, print AUC and log loss on the later part, and publish the model only when XGBoost ' +
          `reaches --min-auc and beats the baseline (else exit 1). Needs ${DEFAULT_PYTHON} with xgboost 1.7.`,
      )
      .addOption(new Option('--generate <events>', `generate this many events instead of reading the lake (default when the lake is empty: ${DEFAULT_GENERATED_EVENTS})`).argParser(wholeNumber(1)))
      .addOption(new Option('--seed <s>', 'the seed of the generated traffic and of XGBoost').argParser(wholeNumber(0)).default(1))
      .addOption(new Option('--min-auc <auc>', "the lowest XGBoost AUC published").argParser(auc).default(DEFAULT_MIN_AUC))
      .addOption(new Option('--test-share <r>', 'the share of observations, by label time, evaluated on').argParser(openRatio('--test-share')).default(DEFAULT_TEST_SHARE))
      .addOption(new Option('--out <dir>', 'where to publish model.json, model.tar.gz and metadata.json').default(DEFAULT_MODEL_DIR, 'model/propensity'))
      .addOption(new Option('--python <path>', 'the Python with xgboost 1.7').default(DEFAULT_PYTHON))
      .option('--json', 'print one JSON object instead of the table'),
  ).action(async (flags: TrainFlags) => {
    // Loaded when the command runs, so DuckDB and the feature code do not slow every other command's start.
    const { trainPropensityModel } = await import('./train/trainPropensityModel');
    const report = await trainPropensityModel({
      dataDir: resolve(flags.dataDir),
      generate: flags.generate,
      defaultGenerate: DEFAULT_GENERATED_EVENTS,
      seed: flags.seed,
      minAuc: flags.minAuc,
      testShare: flags.testShare,
      outDir: resolve(flags.out),
      python: flags.python,
      progress: (line) => process.stderr.write(`snowline train: ${line}\n`),
    });
    process.stdout.write(flags.json === true ? formatReportJson(report) : formatReportTable(report));
    if (report.refused.length > 0) throw new ModelRejectedError(report.refused);
  });
}
