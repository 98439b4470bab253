import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODEL_FEATURE_NAMES } from '../../lib/model';
import { offlineStoreFiles, runDuckDbQuery, toDuckDb } from '../../lib/queries';
import {
  evaluate,
  LABEL_DESCRIPTION,
  MODEL_NAME,
  modelVersion,
  publishDecision,
  splitByTime,
  toCsv,
  toTrainingExample,
  type ModelMetadata,
  type ModelMetrics,
  type TrainingExample,
} from '../../lib/training';
import { XGBOOST_ARTIFACT_FILES } from '../../local/sagemaker/xgboostModel';
import { findLake } from './findLake';
import { generateLake } from './generateLake';
import { runTrainer } from './runTrainer';
import { tarGz } from './tarGz';

/** The training set query, run on the lake or on generated inputs. */
export const TRAINING_SET_QUERY = join(import.meta.dirname, '..', '..', 'queries', 'feature_training_set.sql');

/** What {@link trainPropensityModel} needs. */
export interface TrainOptions {
  /** The data dir whose lake to read. */
  readonly dataDir: string;
  /** Generate this many events instead of reading the lake. @default - the lake when it holds data, else DEFAULT_GENERATED_EVENTS */
  readonly generate?: number;
  readonly defaultGenerate: number;
  readonly seed: number;
  readonly minAuc: number;
  readonly testShare: number;
  /** Where the artifact is published. */
  readonly outDir: string;
  readonly python: string;
  /** Progress lines (stderr). */
  readonly progress: (line: string) => void;
  /** The clock of the version and trainedAt. @default Date.now */
  readonly now?: () => number;
}

/** What a training run did. */
export interface TrainReport {
  readonly source: { readonly kind: 'lake' | 'generated'; readonly events?: number; readonly seed?: number; readonly dataDir?: string };
  readonly window: { readonly from: string; readonly to: string; readonly splitAt: string };
  readonly rows: { readonly train: number; readonly test: number; readonly purged: number; readonly censored: number };
  readonly labelRate: { readonly train: number; readonly test: number };
  readonly metrics: { readonly xgboost: ModelMetrics; readonly logistic: ModelMetrics };
  readonly threshold: { readonly minAuc: number };
  /** Why it was not published; empty when it was. */
  readonly refused: readonly string[];
  readonly published: { readonly version: string; readonly dir: string } | null;
}

const rate = (rows: readonly TrainingExample[]) => rows.reduce((sum, row) => sum + row.label, 0) / rows.length;
const iso = (ms: number) => new Date(ms).toISOString();

async function readPredictions(file: string): Promise<{ xgboost: number[]; logistic: number[] }> {
  const lines = (await readFile(file, 'utf8')).trim().split('\n').slice(1);
  const xgboost: number[] = [];
  const logistic: number[] = [];
  for (const line of lines) {
    const [a, b] = line.split(',');
    xgboost.push(Number(a));
    logistic.push(Number(b));
  }
  return { xgboost, logistic };
}

/**
 * `snowline train`: builds the point-in-time-correct training set (queries/feature_training_set.sql
 * through DuckDB) from the data dir's lake, or from generated traffic run through the feature
 * handler's computation, encodes it with toFeatureVector, splits it by time, trains XGBoost and
 * the logistic baseline (model/train.py), evaluates both on the later part and publishes the
 * artifact (model.json, model.tar.gz, metadata.json) only when XGBoost's AUC reaches `minAuc`
 * and beats the baseline.
 */
export async function trainPropensityModel(options: TrainOptions): Promise<TrainReport> {
  const work = await mkdtemp(join(tmpdir(), 'snowline-train-'));
  try {
    let source: TrainReport['source'];
    let sources: { userActivity: string; events: string };
    const lake = options.generate === undefined ? await findLake(options.dataDir) : null;
    if (lake !== null) {
      source = { kind: 'lake', dataDir: options.dataDir };
      sources = lake;
      options.progress(`reading the lake under ${options.dataDir}`);
    } else {
      const events = options.generate ?? options.defaultGenerate;
      options.progress(`generating ${events.toLocaleString('en-US')} events (seed ${options.seed}) and computing their features`);
      const generated = await generateLake(work, { events, seed: options.seed, progress: (n) => options.progress(`  ${n.toLocaleString('en-US')} events`) });
      source = { kind: 'generated', events, seed: options.seed };
      sources = { userActivity: offlineStoreFiles(generated.offlineStore), events: join(generated.eventsDir, '*', '*.parquet') };
    }

    options.progress('building the training set (queries/feature_training_set.sql)');
    const sql = await readFile(TRAINING_SET_QUERY, 'utf8');
    const rows = await runDuckDbQuery(toDuckDb(sql, { user_activity: { parquet: sources.userActivity }, events: { parquet: sources.events } }));
    const split = splitByTime(rows.map(toTrainingExample), { testShare: options.testShare });
    const trainCsv = join(work, 'train.csv');
    const testCsv = join(work, 'test.csv');
    await writeFile(trainCsv, toCsv(MODEL_FEATURE_NAMES, split.train));
    await writeFile(testCsv, toCsv(MODEL_FEATURE_NAMES, split.test));
    options.progress(`training on ${split.train.length.toLocaleString('en-US')} rows, evaluating on ${split.test.length.toLocaleString('en-US')}`);

    const trained = join(work, 'trained');
    await mkdir(trained);
    await runTrainer({ python: options.python, trainCsv, testCsv, outDir: trained, seed: options.seed, progress: (line) => options.progress(`  ${line}`) });
    const predictions = await readPredictions(join(trained, 'predictions.csv'));
    const labels = split.test.map((row) => row.label);
    const metrics = { xgboost: evaluate(labels, predictions.xgboost), logistic: evaluate(labels, predictions.logistic) };
    const refused = publishDecision(metrics.xgboost, metrics.logistic, options.minAuc);
    const first = split.train[0] ?? split.test[0]!;
    const report = {
      source,
      window: { from: iso(first.labelTimeMs), to: iso(split.test[split.test.length - 1]!.labelTimeMs), splitAt: iso(split.splitAtMs) },
      rows: { train: split.train.length, test: split.test.length, purged: split.purged, censored: split.censored },
      labelRate: { train: rate(split.train), test: rate(split.test) },
      metrics,
      threshold: { minAuc: options.minAuc },
      refused,
    };
    if (refused.length > 0) return { ...report, published: null };

    const modelJson = await readFile(join(trained, XGBOOST_ARTIFACT_FILES.model));
    const trainedAtMs = (options.now ?? Date.now)();
    const version = modelVersion(modelJson, trainedAtMs);
    const training = JSON.parse(await readFile(join(trained, 'training.json'), 'utf8')) as { xgboost: { version: string; rounds: number; params: Record<string, string | number> } };
    const metadata: ModelMetadata = {
      name: MODEL_NAME,
      version,
      format: 'xgboost-json',
      objective: 'binary:logistic',
      label: LABEL_DESCRIPTION,
      featureNames: [...MODEL_FEATURE_NAMES],
      trainingWindow: report.window,
      rows: { train: report.rows.train, test: report.rows.test },
      labelRate: report.labelRate,
      metrics,
      threshold: report.threshold,
      source: source.kind,
      ...(source.seed === undefined ? {} : { seed: source.seed }),
      xgboostVersion: training.xgboost.version,
      training: { rounds: training.xgboost.rounds, params: training.xgboost.params },
      trainedAt: iso(trainedAtMs),
    };
    // Files go in beside each other first, then each is renamed over the old one.
    await mkdir(options.outDir, { recursive: true });
    const staged = [
      [XGBOOST_ARTIFACT_FILES.model, modelJson],
      ['model.tar.gz', tarGz([{ name: 'xgboost-model', data: modelJson, mtimeMs: trainedAtMs }])],
      [XGBOOST_ARTIFACT_FILES.metadata, Buffer.from(JSON.stringify(metadata, null, 2) + '\n')],
    ] as const;
    for (const [name, data] of staged) await writeFile(join(options.outDir, `.${name}.tmp`), data);
    for (const [name] of staged) await rename(join(options.outDir, `.${name}.tmp`), join(options.outDir, name));
    return { ...report, published: { version, dir: options.outDir } };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
