import { join, relative } from 'node:path';
import { dashboardUrl } from '../http/apiKey';
import { API_KEY_FILE, API_KEY_HEADER } from '../http/constants';
import { localShardCount } from '../kinesis/createStreams';
import { LOCAL_MODEL_ENDPOINT } from './constants';
import type { LocalStack, ServiceTiming } from './types';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A path as the user would type it: relative to `cwd` when inside it. */
const shown = (path: string, cwd: string): string => {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
};

/** A path for a shell command line: as it is when it holds nothing a shell treats specially, else in single quotes. */
const shellQuoted = (path: string): string => (/^[\w./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`);

/**
 * What `snowline up` prints once the stack is ready: how long startup took (and initdb on a
 * first run), every endpoint, the streams, tables, feature groups and consumers, the dashboard's
 * link (carrying the API key, so it opens as printed), where the key is and how to send it, and
 * where `endpoints.json` and the logs are.
 */
export function formatStartup(stack: LocalStack, options: { readonly cwd?: string; readonly sinceLaunchMs?: number } = {}): string {
  const { endpoints, postgres, resources } = stack;
  const cwd = options.cwd ?? process.cwd();
  const notes = [
    ...(options.sinceLaunchMs === undefined ? [] : [`${seconds(options.sinceLaunchMs)} since launch`]),
    ...(postgres.initialised ? [`first run: PostgreSQL initdb ${seconds(postgres.initdbMs)}`] : []),
  ];
  const lines = [`snowline up: ready in ${seconds(stack.startupMs)}${notes.length === 0 ? '' : ` (${notes.join('; ')})`}`];
  if (postgres.previousRun.kind === 'stopped') {
    lines.push(`  note: stopped a PostgreSQL (pid ${postgres.previousRun.pid}) left running by an earlier snowline up`);
  } else if (postgres.previousRun.kind === 'stale-pid-file') {
    lines.push(`  note: removed the lock file of a PostgreSQL (pid ${postgres.previousRun.pid}) that was killed`);
  }
  const services: [string, string, string][] = [
    ['kinesis', endpoints.kinesis, ''],
    ['dynamodb', endpoints.dynamodb, ''],
    ['featurestore', endpoints.featurestore, ''],
    ['sagemaker', endpoints.sagemaker, `endpoint ${LOCAL_MODEL_ENDPOINT.endpointName}, model ${stack.model?.version ?? 'not reported'}`],
    ['model server', endpoints.modelServer, 'GET /ping, POST /invocations'],
    ['postgres', endpoints.postgres, 'wal_level=logical'],
    ['http', endpoints.http, 'dashboard at /, GET /api/reports/{report}, GET /api/health, POST /predict'],
  ];
  // The postgres URL is long; aligning the notes to it would push them off a narrow terminal.
  const width = Math.max(...services.filter(([name]) => name !== 'postgres').map(([, url]) => url.length));
  lines.push('', ...services.map(([name, url, note]) => `  ${name.padEnd(14)}${url.padEnd(width)}${note === '' ? '' : `  (${note})`}`.trimEnd()));
  const streams = resources.streams.map((s) => `${s.streamName} (${plural(localShardCount(s), 'shard')})`);
  const consumers = stack.consumerStats().map((c) => `${c.name} <- ${c.streamName}`);
  lines.push(
    '',
    `  ${'streams'.padEnd(16)}${streams.join(', ') || 'none'}`,
    `  ${'tables'.padEnd(16)}${resources.tables.map((t) => t.tableName).join(', ') || 'none yet'}`,
    `  ${'feature groups'.padEnd(16)}${resources.featureGroups.join(', ') || 'none'}`,
    `  ${'consumers'.padEnd(16)}${consumers.join(', ') || 'none'}`,
    '',
    `  ${'dashboard'.padEnd(16)}${dashboardUrl(endpoints)}`,
    ...(endpoints.apiKey === undefined
      ? [`  ${'api key'.padEnd(16)}none (--no-api-key): /api/* and /predict* answer anyone who reaches the port`]
      : [
          `  ${'api key'.padEnd(16)}${shown(join(stack.dataDir, API_KEY_FILE), cwd)}: send it as ${API_KEY_HEADER}, e.g.`,
          `  ${''.padEnd(16)}curl -H "${API_KEY_HEADER}: $(cat ${shellQuoted(shown(join(stack.dataDir, API_KEY_FILE), cwd))})" ${endpoints.http}/api/health`,
        ]),
    `  ${'endpoints'.padEnd(16)}${shown(stack.endpointsFile, cwd)}`,
    `  ${'postgres log'.padEnd(16)}${shown(postgres.logFile, cwd)}`,
  );
  if (stack.lake !== undefined) lines.push(`  ${'lake'.padEnd(16)}${shown(stack.lake.dir, cwd)} (merged from PostgreSQL slot ${stack.lake.replicationSlot}'s DMS files in landing/shop/, personal columns pseudonymised)`);
  return `${lines.join('\n')}\n`;
}

/** What `snowline up` prints once stopped: each service and how long it took, or why it failed. */
export function formatShutdown(timings: readonly ServiceTiming[], totalMs: number): string {
  const failed = timings.filter((t) => t.error !== undefined);
  const stopped = timings.filter((t) => t.error === undefined).map((t) => t.name);
  const lines = [`snowline up: stopped ${stopped.join(', ') || 'nothing'} in ${seconds(totalMs)}`];
  for (const t of failed) lines.push(`  ${t.name} failed to stop: ${t.error}`);
  return `${lines.join('\n')}\n`;
}
