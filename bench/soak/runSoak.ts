import { KinesisClient } from '@aws-sdk/client-kinesis';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stopStalePostgres } from '../../local/postgres';
import { DATA_DIR_LAYOUT, findFreePort, PORT_NAMES, sdkClientConfig, type PortName } from '../../local/up';
import { BAD_ROWS_STREAM, ENRICHED_STREAM } from '../../stacks/config';
import { stopOnSignal } from '../reports/stopOnSignal';
import { checkFeatures } from './checkFeatures';
import { checkReports } from './checkReports';
import { countBacklog, countOnFailureRecords, countRecords, listShardIds } from './countBacklog';
import { processCpuMicros } from '../features/processCpuMicros';
import { CpuAccount } from './CpuAccount';
import { readHealth, readRssBytes } from './readLag';
import { SoakTraffic } from './SoakTraffic';
import { stackLogFile, startStackChild, type StackChild } from './startStackChild';
import { maxIteratorAgeSeconds, memoryFlat, MIN_TREND_SAMPLES, PROCESS_CPU, summariseCpu, summariseMemory } from './summarise';
import { TrafficSender } from './TrafficSender';
import type { LagSample, RssSample, ShardBacklog, SoakCheck, SoakOptions, SoakResult } from './types';

/** How often the stack's RSS is read, its lag polled, and a progress line written. */
const RSS_EVERY_MS = 1_000;
const LAG_EVERY_MS = 2_000;
const PROGRESS_EVERY_MS = 5_000;
/** How long records still pending when the traffic stops may take to be put. */
const FLUSH_MS = 60_000;
/** While draining, only whether a shard has records left is asked (reading a large backlog again and again would load the stack it waits for). */
const DRAIN_COUNT_CAP = 1;
/**
 * At the end, each shard's backlog is counted up to this many records: reading a backlog of
 * hundreds of thousands took longer than the run while the stack was far behind; the iterator
 * ages at the end say how far.
 */
const FINAL_COUNT_CAP = 2_000;
/** Mismatches named in a failed check's detail. */
const SHOWN = 5;

const round1 = (value: number): number => Math.round(value * 10) / 10;
const n = (value: number): string => value.toLocaleString('en-US');
const behind = (backlog: readonly ShardBacklog[]): number => backlog.reduce((n, b) => n + b.recordsBehind, 0);
const describeBacklog = (backlog: readonly ShardBacklog[]): string =>
  backlog.map((b) => `${b.consumer} ${b.shardId} ${b.capped ? '≥' : ''}${b.recordsBehind}`).join(', ');

/** Names the first mismatches and how many more there are. */
function firstOf(mismatches: readonly string[]): string {
  const more = mismatches.length - SHOWN;
  return mismatches.slice(0, SHOWN).join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/**
 * The soak test: starts the real `snowline up` in a child process on a fresh data dir, sends the
 * shop's generated traffic into the enriched stream at `rate` for `minutes`, kills the stack with
 * SIGKILL half-way and starts it again on the same data dir (the consumers resume from their
 * checkpoints) while the traffic goes on, waits for every consumer to process every record, then
 * checks every report and every feature against the ground truth of what was sent; meanwhile it
 * samples the stack process's RSS every second and the consumers' iterator age every 2 s.
 *
 * @param progress - where a line goes every 5 s (elapsed, sent, lag, memory).
 * @throws Error when the stack cannot start or the traffic cannot be put (not a failed check: those are in the result).
 */
export async function runSoak(options: SoakOptions, progress: (line: string) => void): Promise<SoakResult> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const loadBefore = os.loadavg()[0]!;
  const began = performance.now();
  const temporary = options.dataDir === undefined;
  const dataDir = temporary ? await mkdtemp(join(tmpdir(), 'snowline-soak-')) : resolve(options.dataDir!);
  await mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as another user, and mkdtemp's directories are private.
  await chmod(dataDir, 0o755);
  const ports = {} as Record<PortName, number>;
  for (const name of PORT_NAMES) ports[name] = await findFreePort();
  const logFile = stackLogFile(dataDir);

  progress(`soak: generating the traffic's ramp-up (${options.rate} events/s, seed ${options.seed})`);
  const traffic = new SoakTraffic({ rate: options.rate, seed: options.seed, ...(options.inject === undefined ? {} : { inject: options.inject }) });
  const signals = stopOnSignal();
  let child: StackChild | undefined;
  // A stack that had to be SIGKILLed (it did not stop in time) leaves its PostgreSQL behind: stop that too.
  const stopStack = async (): Promise<void> => {
    await child?.stop();
    await stopStalePostgres(join(dataDir, DATA_DIR_LAYOUT.postgres, 'data')).catch(() => undefined);
  };
  const forget = signals.add(async () => {
    await stopStack();
    if (temporary) await rm(dataDir, { recursive: true, force: true });
  });
  const kinesis = { client: undefined as KinesisClient | undefined };
  try {
    child = await startStackChild({ dataDir, fresh: true, ports, logFile });
    progress(`soak: snowline up ready in ${child.readyMs} ms (pid ${child.pid}, data dir ${dataDir})`);
    const { endpoints } = child;
    kinesis.client = new KinesisClient(sdkClientConfig(endpoints, 'kinesis'));
    const sender = new TrafficSender(kinesis.client, ENRICHED_STREAM.streamName, traffic, options.rate);

    const durationMs = options.minutes * 60_000;
    const t0 = Date.now();
    const endMs = t0 + durationMs;
    let run: 1 | 2 = 1;
    let down = false;
    const rss: RssSample[] = [];
    const lag: LagSample[] = [];
    let lastLag: Record<string, number> = {};
    let ticks = 0;
    // The stack's CPU, the whole process and each thread, over both runs (the second run's start-up is not counted).
    const cpu = new CpuAccount();
    const sampleCpu = async (): Promise<void> => {
      const micros = child === undefined ? undefined : await processCpuMicros(child.pid);
      if (micros !== undefined && !down) cpu.sample(PROCESS_CPU, micros);
    };
    const senderCpuBefore = process.cpuUsage();
    await sampleCpu();
    const sampler = setInterval(() => {
      if (down || child === undefined) return;
      const at = Date.now() - t0;
      const sampledRun = run;
      void sampleCpu();
      void readRssBytes(child.pid).then((bytes) => bytes !== undefined && !down && rss.push({ atMs: at, run: sampledRun, rssBytes: bytes }));
      if (ticks++ % (LAG_EVERY_MS / RSS_EVERY_MS) === 0) {
        void readHealth(endpoints).then((health) => {
          if (health === undefined || down) return;
          lastLag = health.iteratorAgeMs;
          lag.push({ atMs: at, run: sampledRun, iteratorAgeMs: health.iteratorAgeMs });
          for (const thread of health.threads) cpu.sample(thread.name, thread.cpuMicros);
        });
      }
    }, RSS_EVERY_MS);
    const reporter = setInterval(() => {
      const s = sender.stats();
      const seconds = (Date.now() - t0) / 1000;
      const sendingSeconds = (Math.min(Date.now(), endMs) - t0) / 1000;
      const ages = Object.entries(lastLag).map(([name, ms]) => `${name} ${round1(ms / 1000)} s`).join(', ');
      const last = rss.at(-1);
      progress(
        `soak: ${Math.round(seconds)} s / ${Math.round(durationMs / 1000)} s, sent ${s.sent.toLocaleString('en-US')} (${Math.round(s.sent / Math.max(1, sendingSeconds))}/s), pending ${s.pending}` +
          `${down ? ', stack down (restarting)' : ''}; iterator age ${ages === '' ? 'n/a' : ages}; rss ${last === undefined ? 'n/a' : `${Math.round(last.rssBytes / 1024 / 1024)} MB`}`,
      );
    }, PROGRESS_EVERY_MS);

    let killedAtMs = 0;
    let downMs = 0;
    try {
      const sending = sender.run(endMs, endMs + FLUSH_MS);
      // Awaited below; this only keeps a failure after a failed restart from going unhandled.
      sending.catch(() => undefined);
      // The SIGKILL in the middle; the sender keeps putting (and retrying) meanwhile.
      const restart = (async () => {
        await sleep(Math.max(0, t0 + durationMs / 2 - Date.now()));
        down = true;
        cpu.closeRun();
        killedAtMs = Date.now() - t0;
        progress(`soak: SIGKILL to snowline up (pid ${child!.pid}) at ${Math.round(killedAtMs / 1000)} s`);
        await child!.kill();
        child = await startStackChild({ dataDir, fresh: false, ports, logFile });
        downMs = Date.now() - t0 - killedAtMs;
        run = 2;
        down = false;
        progress(`soak: snowline up restarted on the same data dir (pid ${child.pid}), ${round1(downMs / 1000)} s after the kill`);
      })();
      await Promise.all([sending, restart]);
      const sendEnd = Date.now();
      progress(`soak: traffic stopped; waiting up to ${options.drainSeconds} s for the consumers to drain`);

      let drainMs: number | null = null;
      const drainDeadline = sendEnd + options.drainSeconds * 1000;
      for (;;) {
        const backlog = await countBacklog(kinesis.client, dataDir, ENRICHED_STREAM.streamName, DRAIN_COUNT_CAP);
        if (behind(backlog) === 0) {
          drainMs = Date.now() - sendEnd;
          break;
        }
        if (Date.now() > drainDeadline) break;
        progress(`soak: draining; records left: ${backlog.filter((b) => b.recordsBehind > 0).map((b) => `${b.consumer} ${b.shardId}`).join(', ')}`);
        await sleep(2_000);
      }
      clearInterval(sampler);
      clearInterval(reporter);
      await sampleCpu();
      for (const thread of (await readHealth(endpoints))?.threads ?? []) cpu.sample(thread.name, thread.cpuMicros);
      cpu.closeRun();
      const senderCpu = process.cpuUsage(senderCpuBefore);
      const cpuWallSeconds = (Date.now() - t0) / 1000;

      const atEnd = await countBacklog(kinesis.client, dataDir, ENRICHED_STREAM.streamName, FINAL_COUNT_CAP);
      progress('soak: checking every report and feature against the truth');
      const reports = await checkReports(endpoints, traffic.truth);
      const features = await checkFeatures(endpoints, traffic.truth);
      let badRows = 0;
      for (const shardId of await listShardIds(kinesis.client, BAD_ROWS_STREAM.streamName)) {
        badRows += (await countRecords(kinesis.client, BAD_ROWS_STREAM.streamName, shardId, undefined, FINAL_COUNT_CAP)).count;
      }
      const onFailureRecords = await countOnFailureRecords(dataDir);

      const stats = sender.stats();
      const sendSeconds = ((stats.lastAckMs ?? sendEnd) - (stats.firstPutMs ?? t0)) / 1000;
      const memory = summariseMemory(rss);
      const flat = memoryFlat(memory);
      const lastThirdMaxIteratorAgeSeconds = maxIteratorAgeSeconds(lag, (durationMs * 2) / 3, sendEnd - t0);
      const checks: SoakCheck[] = [
        {
          name: 'reports: nothing lost or double-counted',
          passed: reports.mismatches.length === 0 && reports.eventsCounted === reports.eventsExpected,
          detail:
            `${n(reports.eventsCounted)} events counted, ${n(reports.eventsExpected)} expected; ` +
            (reports.mismatches.length === 0 ? `all ${n(reports.valuesCompared)} report values equal the truth` : `${n(reports.mismatches.length)} of ${n(reports.valuesCompared)} values differ: ${firstOf(reports.mismatches)}`),
        },
        {
          name: 'features: every record equals the truth',
          passed: features.mismatches.length === 0 && features.recordsCompared > 0,
          detail: features.mismatches.length === 0 ? `all ${n(features.recordsCompared)} records equal` : `${n(features.mismatches.length)} differences: ${firstOf(features.mismatches)}`,
        },
        { name: 'no bad rows', passed: badRows === 0, detail: `${badRows} records on ${BAD_ROWS_STREAM.streamName} (the generated traffic has none)` },
        { name: 'no record given up', passed: onFailureRecords === 0, detail: `${onFailureRecords} on-failure records` },
        {
          name: 'drained: no backlog at the end',
          passed: drainMs !== null && behind(atEnd) === 0,
          detail: drainMs !== null ? `every consumer processed every record ${round1(drainMs / 1000)} s after the last put` : `not drained within ${options.drainSeconds} s: ${describeBacklog(atEnd)}`,
        },
        {
          name: 'lag bounded',
          passed: lastThirdMaxIteratorAgeSeconds <= options.maxLagSeconds && lag.length > 0,
          detail: lag.length === 0 ? 'no lag sample could be read from GET /api/health' : `largest iterator age in the last third of the sending ${lastThirdMaxIteratorAgeSeconds} s (limit ${options.maxLagSeconds} s)`,
        },
      ];
      if (flat !== null) {
        checks.push({
          name: 'memory flat',
          passed: flat,
          detail: memory.runs
            .map((r) => `run ${r.run}: first third ${r.firstThirdMb} MB, last third ${r.lastThirdMb} MB${r.samples < MIN_TREND_SAMPLES ? ` (${r.samples} s of samples: too short to judge)` : ''}`)
            .join('; '),
        });
      }
      return {
        soak: { minutes: options.minutes, rate: options.rate, seed: options.seed, inject: options.inject ?? null },
        traffic: {
          eventsSent: stats.sent,
          duplicates: traffic.truth.filter((g) => g.duplicate).length,
          late: traffic.truth.filter((g) => g.late).length,
          dropped: traffic.dropped,
          doubled: traffic.doubled,
          sendSeconds: round1(sendSeconds),
          eventsPerSecond: Math.round(stats.sent / Math.max(0.001, sendSeconds)),
        },
        restart: { killedAtSeconds: round1(killedAtMs / 1000), downSeconds: round1(downMs / 1000) },
        reports: { eventsCounted: reports.eventsCounted, eventsExpected: reports.eventsExpected, valuesCompared: reports.valuesCompared, mismatches: reports.mismatches.length },
        features: { recordsCompared: features.recordsCompared, mismatches: features.mismatches.length },
        badRows,
        onFailureRecords,
        memory,
        lag: {
          lastThirdMaxIteratorAgeSeconds,
          iteratorAgeAtEndSeconds: Object.fromEntries(Object.entries(lag.at(-1)?.iteratorAgeMs ?? {}).map(([name, ms]) => [name, round1(ms / 1000)])),
          drainSeconds: drainMs === null ? null : round1(drainMs / 1000),
          atEnd,
        },
        cpu: summariseCpu(cpu, stats.sent, cpuWallSeconds, senderCpu),
        checks,
        passed: checks.every((c) => c.passed),
        node: process.version,
        cores: os.cpus().length,
        loadAverage1m: { before: round1(loadBefore), after: round1(os.loadavg()[0]!) },
        durationSeconds: Math.round((performance.now() - began) / 1000),
      };
    } finally {
      clearInterval(sampler);
      clearInterval(reporter);
    }
  } finally {
    kinesis.client?.destroy();
    await stopStack();
    forget();
    signals.dispose();
    if (temporary) await rm(dataDir, { recursive: true, force: true });
  }
}
