import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyProvider, Pseudonymiser } from '../../../lib/privacy';
import { createLocalArchiver, type LocalArchiverHandler } from '../../../local/archiver';
import { startEventSourceMapping, type EventSourceMapping } from '../../../local/esm';
import { createLocalKinesisClient, startKinesis } from '../../../local/kinesis';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { FAST, settings, waitFor } from '../esm/helpers';
import { archiveSql, duck, traffic } from './helpers';

const STREAM = { streamName: 'archive-at-least-once', capacity: 1, localShardCount: 1, retentionHours: 24 } as const;
const cleanups: (() => Promise<void>)[] = [];

/** Puts enriched lines in order, one a record; returns their sequence numbers. */
async function putLines(client: KinesisClient, lines: readonly string[]): Promise<string[]> {
  const sequenceNumbers: string[] = [];
  for (let i = 0; i < lines.length; i += 500) {
    const out = await client.send(
      new PutRecordsCommand({ StreamName: STREAM.streamName, Records: lines.slice(i, i + 500).map((line, j) => ({ Data: Buffer.from(line), PartitionKey: `pk-${i + j}` })) }),
    );
    sequenceNumbers.push(...out.Records!.map((r) => r.SequenceNumber!));
  }
  return sequenceNumbers;
}
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** kinesalite on disk, and the archiver behind the real event source mapping runner, on one data dir. */
async function up(dataDir: string, wrap: (archiver: LocalArchiverHandler) => LocalArchiverHandler = (a) => a) {
  const kinesis = await startKinesis({ dataDir, streams: [STREAM] });
  const archiver = createLocalArchiver({ dataDir, timer: false });
  const wrapped = wrap(archiver);
  const mapping: EventSourceMapping = await startEventSourceMapping({
    name: 'archiver',
    kinesis: kinesis.endpoint,
    streamName: STREAM.streamName,
    settings: settings({ batchSize: 100 }),
    handler: wrapped,
    dataDir,
    ...FAST,
  });
  const client = createLocalKinesisClient(kinesis.endpoint);
  const processed = () => mapping.stats().recordsProcessed;
  return {
    client,
    archiver,
    mapping,
    processed,
    /** Stops in order; with `crash`, the archiver is not closed (what it staged stays staged). */
    async down(crash = false) {
      client.destroy();
      await mapping.stop();
      if (!crash) await archiver.close();
      await kinesis.close();
    },
  };
}

describe('the archiver behind the event source mapping', () => {
  it('archives every event after a function error that came after its write, and a crash with events staged', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'snowline-archiver-esm-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const generated = traffic(900, 21);
    const lines = generated.map((e) => e.line);

    // Prepare: the second batch's invocation fails after the archiver staged it (its response is
    // lost), so the runner retries it: those events are staged twice.
    let failures = 0;
    let second: string | undefined;
    const one = await up(dataDir, (archiver) =>
      Object.assign(async (event: Parameters<LocalArchiverHandler>[0], context: Parameters<LocalArchiverHandler>[1]) => {
        const result = await archiver(event, context);
        if (event.Records[0]!.kinesis.sequenceNumber === second && failures++ === 0) throw new Error('injected: the invocation failed after its write');
        return result;
      }, { close: archiver.close }),
    );
    cleanups.push(() => one.down(true));
    await putLines(one.client, lines.slice(0, 100));
    second = (await putLines(one.client, lines.slice(100, 600)))[0]!;
    await waitFor(() => one.processed() >= 600, 30_000, 'the first 600 records');
    expect(failures).toBe(2);

    // Act: a crash (no close: the staged events are not written), then a restart on the same data dir.
    cleanups.pop();
    await one.down(true);
    const staged = (await readdir(join(dataDir, 'archiver'))).filter((name) => name.endsWith('.jsonl'));
    expect(staged.length).toBe(1);
    expect((await readFile(join(dataDir, 'archiver', staged[0]!), 'utf8')).split('\n').length - 1).toBe(700);
    const two = await up(dataDir);
    cleanups.push(() => two.down());
    await putLines(two.client, lines.slice(600));
    await waitFor(() => two.processed() >= 300, 30_000, 'the last 300 records');
    cleanups.pop();
    await two.down();

    // Assess: every event put is archived; each file holds an event id once.
    const expected = new Set(generated.map((e) => e.event.event_id));
    const rows = await duck(`SELECT event_id, filename FROM read_parquet('${join(dataDir, 'lake', 'events', '*', '*.parquet')}', filename = true)`);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(expected);
    const perFile = new Map<string, string[]>();
    for (const row of rows) (perFile.get(row.filename as string) ?? perFile.set(row.filename as string, []).get(row.filename as string)!).push(row.event_id as string);
    for (const [file, ids] of perFile) expect(new Set(ids).size, file).toBe(ids.length);
    // The personal fields are pseudonymised with the data dir's key, the same across the restart.
    const pseudonymiser = await Pseudonymiser.fromProvider(new FileKeyProvider({ file: join(dataDir, 'pseudonymisation.key'), create: false }));
    const users = await duck(`SELECT DISTINCT user_id FROM ${archiveSql(join(dataDir, 'lake'))} WHERE user_id IS NOT NULL`);
    expect(new Set(users.map((r) => r.user_id))).toEqual(new Set(generated.flatMap((e) => (e.event.user_id === null ? [] : [pseudonymiser.hash(e.event.user_id)]))));
  });
});
