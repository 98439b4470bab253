/**
 * `npm run bench -- inference`: p50/p99 latency and throughput of `POST /predict` over HTTP on
 * the local services, at concurrency 1, 16 and 64, with the in-process feature cache on and off,
 * in one run. See README, "Benchmarks".
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { Rng } from '../lib/generator/Rng';
import { ZipfSampler } from '../lib/generator/ZipfSampler';
import { MODEL_FEATURE_NAMES } from '../lib/model';
import { runLoad, type LoadResult } from './inferenceLoad';
import { parseNumberFlags, type Rule } from './reports/options';

const RULES = {
  users: { flag: 'users', fallback: '2000', min: 10, max: 100_000, integer: true },
  seconds: { flag: 'seconds', fallback: '4', min: 1, max: 120, integer: false },
  warmup: { flag: 'warmup', fallback: '1', min: 0, max: 30, integer: false },
  zipf: { flag: 'zipf', fallback: '1.1', min: 0, max: 3, integer: false },
  seed: { flag: 'seed', fallback: '1', min: 0, max: 2_147_483_646, integer: true },
} as const satisfies Record<string, Rule>;

/** The targets of issue 6. */
const TARGETS = { p99MsAtConcurrency16: 15, predictionsPerS: 2_000 } as const;
const CONCURRENCIES = [1, 16, 64] as const;
const round2 = (x: number) => Math.round(x * 100) / 100;
const SERVER = fileURLToPath(new URL('./inferenceServer.ts', import.meta.url));

/** The child's endpoints. */
interface Server {
  readonly featurestore: string;
  readonly cached: string;
  readonly uncached: string;
  /** The key both HTTP APIs require. */
  readonly apiKey: string;
  readonly modelVersion: string;
}

/** Writes one user_activity record per user, as the feature handler would, a few seconds to minutes old. */
async function seedUsers(endpoint: string, users: number, rng: Rng): Promise<void> {
  const client = new SageMakerFeatureStoreRuntimeClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const devices = ['Desktop', 'Phone', 'Tablet'];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < users; i = next++) {
      const views = rng.int(0, 30);
      const values: Record<string, string | number> = {
        domain_userid: `bench-user-${i}`, event_time: new Date(Date.now() - rng.int(1, 600) * 1000).toISOString(),
        page_views_5m: Math.min(views, rng.int(0, 5)), page_views_1h: views, events_1h: views * 2 + rng.int(0, 10), link_clicks_1h: rng.int(0, 5),
        add_to_carts_1h: rng.int(0, 3), transactions_24h: rng.int(0, 1), revenue_24h: rng.int(0, 20_000) / 100, distinct_pages_1h: Math.min(views, rng.int(1, 12)),
        sessions_24h: rng.int(1, 4), last_event_name: rng.pick(['page_view', 'page_ping', 'event']), device_class: rng.pick(devices), country: rng.pick(['DE', 'US', 'GB', 'BR']), is_logged_in: rng.int(0, 1),
      };
      await client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: Object.entries(values).map(([FeatureName, v]) => ({ FeatureName, ValueAsString: String(v) })) }));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  client.destroy();
}

/** The child's counters (the cache's hits and misses among them), from its health route. */
async function counters(base: string, apiKey: string): Promise<Record<string, unknown>> {
  return ((await (await fetch(`${base}/api/health`, { headers: { 'x-api-key': apiKey } })).json()) as { inference: Record<string, unknown> }).inference;
}

/** Runs the benchmark and returns its JSON. */
export async function benchInference(args: readonly string[]): Promise<unknown> {
  const options = parseNumberFlags(args, RULES);
  const loadAtStart = loadavg()[0]!;
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const server = JSON.parse(line) as Server;
    const rng = new Rng(options.seed);
    await seedUsers(server.featurestore, options.users, rng);
    const zipf = new ZipfSampler(options.users, options.zipf);
    const nextUser = () => `bench-user-${zipf.sample(rng)}`;
    const runs: (LoadResult & { cache: 'on' | 'off' })[] = [];
    for (const cache of ['off', 'on'] as const) {
      for (const concurrency of CONCURRENCIES) {
        const base = cache === 'on' ? server.cached : server.uncached;
        runs.push({ cache, ...(await runLoad(base, server.apiKey, concurrency, options.seconds * 1000, options.warmup * 1000, nextUser)) });
      }
    }
    const at16 = runs.filter((run) => run.concurrency === 16);
    const best = Math.max(...runs.map((run) => run.predictionsPerS));
    return {
      benchmark: 'inference',
      what: 'POST /predict over HTTP (keep-alive, closed loop) on the local HTTP API, Feature Store runtime, SageMaker runtime and model server in one child process (as snowline up runs them, the API key checked on every request); the load generator in this process',
      model: server.modelVersion,
      modelColumns: MODEL_FEATURE_NAMES.length,
      options: { ...options, users: `${options.users} users with online records, requests drawn Zipf(${options.zipf}) over them` },
      machine: { cpus: cpus().length, node: process.version, loadAverage1m: { start: round2(loadAtStart), end: round2(loadavg()[0]!) } },
      runs,
      cache: { on: await counters(server.cached, server.apiKey), off: await counters(server.uncached, server.apiKey) },
      targets: {
        ...TARGETS,
        p99MsAtConcurrency16Met: Object.fromEntries(at16.map((run) => [`cache ${run.cache}`, run.p99Ms <= TARGETS.p99MsAtConcurrency16])),
        predictionsPerSMet: best >= TARGETS.predictionsPerS,
        bestPredictionsPerS: best,
      },
    };
  } finally {
    child.stdin!.end();
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}
