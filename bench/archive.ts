import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateEvents } from '../lib/generator/generateEvents';
import { Pseudonymiser, pseudonymousEventRow } from '../lib/privacy';
import { parseEnrichedEventStrict } from '../lib/snowplow';
import { createArchiveHandler, EventArchive } from '../local/archiver';
import { median } from './measure';
import { shardBatches } from './reports/shardBatches';

const BATCH = 500;

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/**
 * `npm run -s bench -- archive [--events N] [--rounds R] [--seed S]`: the local events archiver's
 * cost per event, on generated shop traffic cut into 500-record batches of two shards:
 * - `handler`: the archive handler (decode, strict parse, pseudonymise, stage as JSON lines with a
 *   sync per batch), CPU µs per event and events/s of wall time, no flush;
 * - `pseudonymiseOnly`: strict parse and the pseudonymous row alone (no staging), for the share;
 * - `flush`: writing the staged segment as Parquet with DuckDB (one file per date), events/s and
 *   the Parquet file's bytes against the TSV lines'.
 * Medians over the rounds, each round on a fresh archive in a temp dir.
 */
export async function benchArchive(args: readonly string[]): Promise<unknown> {
  const { values } = parseArgs({
    args: [...args],
    options: { events: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' } },
  });
  const events = Number(values.events);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(events) || events < 1000) throw new Error(`--events expects a whole number of at least 1000, got "${values.events}"`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds expects a whole number of at least 1, got "${values.rounds}"`);
  const generated = Array.from(generateEvents({ events, seed: Number(values.seed), users: 50_000, sessionsPerMinute: 2_000 }));
  const lines = generated.map((e) => e.line);
  const tsvBytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  // As Lambda would cut them: two shards by the MD5 of domain_userid, 500-record batches.
  const input = shardBatches(generated.map((e) => ({ line: e.line, partitionKey: e.event.domain_userid ?? '' })), 2, BATCH);
  const pseudonymiser = new Pseudonymiser('bench-key-0123456789abcdef0123456789');

  const handlerCpu: number[] = [];
  const handlerRate: number[] = [];
  const rowCpu: number[] = [];
  const flushRate: number[] = [];
  const parquetBytes: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const dir = await mkdtemp(join(os.tmpdir(), 'snowline-bench-archive-'));
    try {
      const archive = await EventArchive.open({ lakeDir: join(dir, 'lake'), stagingDir: join(dir, 'staging'), timer: false, buffer: { maxBytes: 1024 ** 4, intervalMs: 1e12 } });
      const handler = createArchiveHandler({ archive, pseudonymiser });
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (const batch of input) await handler(batch);
      const cpu = cpuMs(c0);
      const wall = performance.now() - t0;

      const c1 = process.cpuUsage();
      let kept = 0;
      for (const line of lines) {
        const parsed = parseEnrichedEventStrict(line);
        if (parsed.ok) kept += JSON.stringify(pseudonymousEventRow(parsed.event, pseudonymiser)).length > 0 ? 1 : 0;
      }
      const rows = cpuMs(c1);

      const t2 = performance.now();
      const flushed = await archive.flush();
      const flushMs = performance.now() - t2;
      await archive.close();
      const files = (await readdir(join(dir, 'lake', 'events'), { recursive: true })).filter((f) => f.endsWith('.parquet'));
      let bytes = 0;
      for (const file of files) bytes += (await stat(join(dir, 'lake', 'events', file))).size;
      if (round === 0) continue; // warm-up
      handlerCpu.push((cpu * 1000) / events);
      handlerRate.push(events / (wall / 1000));
      rowCpu.push((rows * 1000) / kept);
      flushRate.push((flushed?.rows ?? 0) / (flushMs / 1000));
      parquetBytes.push(bytes);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    benchmark: 'archive',
    events,
    rounds,
    batchSize: BATCH,
    meanEventBytes: Math.round(tsvBytes / events),
    handler: { cpuMicrosPerEvent: round1(median(handlerCpu)), eventsPerSecond: Math.round(median(handlerRate)), rounds: handlerCpu.map(round1) },
    pseudonymiseOnly: { cpuMicrosPerEvent: round1(median(rowCpu)) },
    flush: { eventsPerSecond: Math.round(median(flushRate)), parquetBytes: median(parquetBytes), tsvBytes, compression: round1(tsvBytes / median(parquetBytes)) },
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg().map(round1) },
  };
}
