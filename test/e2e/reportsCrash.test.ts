import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEvents } from '../../lib/generator';
import type { ReportQuery, ReportReader, ReportRow } from '../../lib/reports';
import { apiKeyHeaders } from '../../local/http';
import { terminatePostmaster } from '../../local/postgres';
import { sdkClientConfig, type Endpoints } from '../../local/up';
import { ENRICHED_STREAM } from '../../stacks/config';
import { distinctOutside2Percent, expectedView, hoursOf, readView } from '../handlers/helpers';
import { eventually, postmasterPid, removeDir, tempDataDir } from '../local/up/helpers';

// The whole local stack in a child process, SIGKILLed in the middle of the stream and started
// again on the same data dir: the reports, read through the HTTP API, must equal the truth.

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function startChild(dataDir: string): Promise<{ endpoints: Endpoints; kill: () => Promise<void> }> {
  const fixture = join(import.meta.dirname, '..', 'local', 'up', 'fixtures', 'runStack.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], { stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => void child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the child did not start the stack in 60 s')), 60_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ endpoints: JSON.parse(line) as Endpoints, kill: async () => void (child.kill('SIGKILL'), await exited) });
    });
    child.once('exit', (code) => reject(new Error(`the child exited with ${code}`)));
  });
}

/** The reports as the dashboard reads them: through GET /api/reports/{report}. */
const apiReader = (endpoints: Endpoints): Pick<ReportReader, 'query'> => ({
  async query(q: ReportQuery): Promise<ReportRow[]> {
    const url = `${endpoints.http}/api/reports/${q.report}?granularity=${q.granularity}&from=${new Date(q.fromMs).toISOString()}&to=${new Date(q.toMs).toISOString()}`;
    const response = await fetch(url, { headers: apiKeyHeaders(endpoints) });
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { rows: ReportRow[] }).rows;
  },
});

async function put(kinesis: KinesisClient, records: PutRecordsRequestEntry[]): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    let batch = records.slice(i, i + 500);
    while (batch.length > 0) {
      const out = await kinesis.send(new PutRecordsCommand({ StreamName: ENRICHED_STREAM.streamName, Records: batch }));
      batch = batch.filter((_, j) => out.Records?.[j]?.ErrorCode !== undefined);
    }
  }
}

describe('reports across a SIGKILL of the whole local stack', () => {
  it('equal the truth exactly after a crash mid-stream, duplicates, late events and gzip records', async () => {
    // Prepare: 3,000 generated events (3% late, 2% exact duplicates); every 25th record is put a
    // second time (a producer retry) and every 10th is gzip-compressed as Enrich may send it.
    const generated = [...generateEvents({ events: 3_000, seed: 11, lateRatio: 0.03, duplicateRatio: 0.02 })];
    const records: PutRecordsRequestEntry[] = [];
    generated.forEach((g, i) => {
      const record = { PartitionKey: g.event.domain_userid!, Data: i % 10 === 0 ? gzipSync(g.line) : Buffer.from(g.line) };
      records.push(record);
      if (i % 25 === 0) records.push(record);
    });
    const dataDir = await tempDataDir();
    cleanups.push(() => removeDir(dataDir));

    // Act: the first 60% into a running stack, which is killed while it reads them ...
    const first = await startChild(dataDir);
    cleanups.push(async () => {
      const pid = await postmasterPid(dataDir);
      if (pid !== undefined) await terminatePostmaster(pid, { fastShutdown: 2_000 });
    });
    const split = Math.floor(records.length * 0.6);
    const kinesis1 = new KinesisClient(sdkClientConfig(first.endpoints, 'kinesis'));
    await put(kinesis1, records.slice(0, split));
    kinesis1.destroy();
    await eventually(
      async () => {
        const health = (await (await fetch(`${first.endpoints.http}/api/health`, { headers: apiKeyHeaders(first.endpoints) })).json()) as { consumers: { recordsProcessed: number }[] };
        return health.consumers[0]!.recordsProcessed >= split / 3 ? true : undefined;
      },
      60_000,
      'a third of the first part to be read',
    );
    await first.kill();

    // ... then the stack again on the same data dir, and the rest.
    const second = await startChild(dataDir);
    const kinesis2 = new KinesisClient(sdkClientConfig(second.endpoints, 'kinesis'));
    await put(kinesis2, records.slice(split));
    kinesis2.destroy();

    // Assess: once the stream is drained, every report, minute and hour, equals the truth.
    const range = hoursOf(generated);
    const reader = apiReader(second.endpoints);
    const expectedMinutes = expectedView(generated, 'minute');
    const total = (view: typeof expectedMinutes) =>
      Object.values(view.counts).reduce((sum, w) => sum + Object.values(w.events ?? {}).reduce((a, b) => a + b, 0), 0);
    await eventually(
      async () => ((total(await readView(reader, 'minute', range.fromMs, range.toMs)) >= total(expectedMinutes)) ? true : undefined),
      90_000,
      'the stream to drain into the reports',
    );
    for (const granularity of ['minute', 'hour'] as const) {
      const actual = await readView(reader, granularity, range.fromMs, range.toMs);
      const expected = expectedView(generated, granularity);
      expect(actual.counts).toEqual(expected.counts);
      expect(distinctOutside2Percent(actual, expected)).toEqual([]);
    }
    await second.kill();
  });
});
