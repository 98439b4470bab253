import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArchiveHandler, createLocalArchiver, EventArchive, InvalidArchiveOptionError } from '../../../local/archiver';
import { generateEvents } from '../../../lib/generator';
import { Pseudonymiser } from '../../../lib/privacy';
import { archiveFiles, archiveSql, duck, kinesisEvent, traffic } from './helpers';

const KEY = 'archiver-test-key-0123456789abcdef';

describe('the events archive', () => {
  let dir: string;
  let lakeDir: string;
  let stagingDir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'snowline-archiver-'));
    lakeDir = join(dir, 'lake');
    stagingDir = join(dir, 'archiver');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every good event once, by collector date, pseudonymised, and skips bad lines', async () => {
    // Prepare: generated traffic spanning midnight, with duplicates, plus lines that do not parse.
    const generated = traffic(600);
    const midnight = [...generateEvents({ events: 400, seed: 9, start: Date.UTC(2026, 10, 21, 23, 50), users: 40, sessionsPerMinute: 40 })];
    const all = [...generated, ...midnight];
    const badLines = ['not a tsv line', generated[0]!.line.replace(/\t[^\t]*$/, '\tnot json {')];
    const pseudonymiser = new Pseudonymiser(KEY);
    const archive = await EventArchive.open({ lakeDir, stagingDir, timer: false });
    const handler = createArchiveHandler({ archive, pseudonymiser });

    // Act: three batches, then the flush the interval would make.
    await handler(kinesisEvent(all.slice(0, 500).map((e) => e.line)));
    await handler(kinesisEvent([...badLines, ...all.slice(500, 800).map((e) => e.line)]));
    await handler(kinesisEvent(all.slice(800).map((e) => e.line)));
    await archive.close();

    // Assess: each event id once, in the partition of its collector date.
    const expected = new Map(all.map((e) => [e.event.event_id!, e]));
    const rows = await duck(`SELECT event_id, date, strftime(collector_tstamp, '%Y-%m-%d') AS day, user_id, user_ipaddress, domain_userid FROM ${archiveSql(lakeDir)}`);
    expect(rows.length).toBe(expected.size);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(expected.size);
    const dates = new Set<string>();
    for (const row of rows) {
      const truth = expected.get(row.event_id as string)!;
      const day = new Date(truth.collectorTimeMs).toISOString().slice(0, 10);
      dates.add(day);
      expect(row.date).toBe(day);
      expect(row.day).toBe(day);
      expect(row.user_id).toBe(truth.event.user_id === null ? null : pseudonymiser.hash(truth.event.user_id));
      expect(row.user_ipaddress).toBe(truth.event.user_ipaddress === null ? null : pseudonymiser.hash(truth.event.user_ipaddress));
      expect(row.domain_userid).toBe(truth.event.domain_userid);
    }
    expect([...dates].sort()).toEqual(['2026-11-21', '2026-11-22']);
    expect(await archive.stagedSegments()).toEqual([]);
  });

  it('keeps no raw user id or IP address anywhere in the files', async () => {
    const generated = traffic(400);
    const archive = await EventArchive.open({ lakeDir, stagingDir, timer: false });
    await createArchiveHandler({ archive, pseudonymiser: new Pseudonymiser(KEY, { ipAddresses: 'truncate' }) })(kinesisEvent(generated.map((e) => e.line)));
    await archive.close();
    const secrets = new Set(generated.flatMap((e) => [e.event.user_id, e.event.user_ipaddress, e.event.network_userid]).filter((v): v is string => v !== null));
    expect(secrets.size).toBeGreaterThan(20);
    // The raw bytes of every file (zstd pages, so also read the decoded values).
    const decoded = await duck(`SELECT * FROM ${archiveSql(lakeDir)}`);
    const text = JSON.stringify(decoded);
    for (const secret of secrets) expect(text.includes(`"${secret}"`), secret).toBe(false);
    for (const file of await archiveFiles(lakeDir)) {
      const bytes = (await readFile(join(lakeDir, 'events', file))).toString('latin1');
      for (const secret of [...secrets].slice(0, 50)) expect(bytes.includes(secret)).toBe(false);
    }
    const ips = decoded.map((r) => r.user_ipaddress).filter((v) => v !== null) as string[];
    expect(ips.every((ip) => /\.0$/.test(ip) || ip.endsWith('::'))).toBe(true);
  });

  it('writes what a crash left staged when it opens again, and a segment written twice gives the same files', async () => {
    const generated = traffic(300);
    const pseudonymiser = new Pseudonymiser(KEY);
    // A run that stages two batches and dies before any flush (no close).
    const crashed = await EventArchive.open({ lakeDir, stagingDir, timer: false });
    await createArchiveHandler({ archive: crashed, pseudonymiser })(kinesisEvent(generated.slice(0, 200).map((e) => e.line)));
    const [segment] = await crashed.stagedSegments();
    expect(await archiveFiles(lakeDir)).toEqual([]);
    // The segment's last append torn in the middle of a line (never acknowledged).
    await appendFile(join(stagingDir, segment!), '{"app_id":"snowline-shop","event_id":"torn');

    const reopened = await EventArchive.open({ lakeDir, stagingDir, timer: false });
    const files = await archiveFiles(lakeDir);
    expect(files.length).toBeGreaterThan(0);
    const firstIds = new Set(generated.slice(0, 200).map((e) => e.event.event_id));
    const first = await duck(`SELECT count(*)::INTEGER AS n, count(DISTINCT event_id)::INTEGER AS d FROM ${archiveSql(lakeDir)}`);
    expect(first).toEqual([{ n: firstIds.size, d: firstIds.size }]);

    // Writing the same segment again (a crash after its files, before its removal) replaces them.
    await reopened.close();
    const again = await EventArchive.open({ lakeDir, stagingDir, timer: false });
    await createArchiveHandler({ archive: again, pseudonymiser })(kinesisEvent(generated.slice(200).map((e) => e.line)));
    const [second] = await again.stagedSegments();
    const copy = await readFile(join(stagingDir, second!));
    await again.close();
    const before = await archiveFiles(lakeDir);
    await writeFile(join(stagingDir, second!), copy);
    await (await EventArchive.open({ lakeDir, stagingDir, timer: false })).close();
    expect(await archiveFiles(lakeDir)).toEqual(before);
    const total = await duck(`SELECT count(*)::INTEGER AS n FROM ${archiveSql(lakeDir)}`);
    // Each file holds an event id once; a duplicate line that came in another segment is in another file.
    const distinct = (events: typeof generated) => new Set(events.map((e) => e.event.event_id)).size;
    expect(total).toEqual([{ n: distinct(generated.slice(0, 200)) + distinct(generated.slice(200)) }]);
  });

  it('writes what a crashed run staged when the next run stops, even with no batch of its own', async () => {
    const generated = traffic(50);
    const crashed = createLocalArchiver({ dataDir: dir, timer: false });
    await crashed(kinesisEvent(generated.map((e) => e.line)), {} as never);
    expect(await archiveFiles(lakeDir)).toEqual([]);
    const idle = createLocalArchiver({ dataDir: dir, timer: false });
    await idle.close();
    const rows = await duck(`SELECT count(DISTINCT event_id)::INTEGER AS n FROM ${archiveSql(lakeDir)}`);
    expect(rows).toEqual([{ n: new Set(generated.map((e) => e.event.event_id)).size }]);
    await createLocalArchiver({ dataDir: join(dir, 'elsewhere'), timer: false }).close();
  });

  it('keeps a segment it could not write staged, acknowledges the batch, and writes it at the next flush', async () => {
    // Prepare: the lake's events folder is a file, so writing Parquet fails (a full or broken disk).
    const generated = traffic(80);
    await mkdir(lakeDir, { recursive: true });
    await writeFile(join(lakeDir, 'events'), 'not a folder');
    const errors: Error[] = [];
    const archive = await EventArchive.open({ lakeDir, stagingDir, timer: false, buffer: { maxBytes: 1000 }, onError: (e) => errors.push(e) });
    const handler = createArchiveHandler({ archive, pseudonymiser: new Pseudonymiser(KEY), logger: new Logger({ logLevel: 'SILENT' }) });

    // Act: a batch fills the buffer; its write fails; then the disk is fixed and the next flush runs.
    await expect(handler(kinesisEvent(generated.map((e) => e.line)))).resolves.toEqual({ batchItemFailures: [] });
    expect(errors.map((e) => e.name)).toEqual(['ArchiveFlushError']);
    expect(await archive.stagedSegments()).toHaveLength(1);
    await rm(join(lakeDir, 'events'));
    await archive.flushIfDue();

    // Assess: every event written once, nothing left staged.
    expect(await archive.stagedSegments()).toEqual([]);
    const rows = await duck(`SELECT count(*)::INTEGER AS n FROM ${archiveSql(lakeDir)}`);
    expect(rows).toEqual([{ n: new Set(generated.map((e) => e.event.event_id)).size }]);
    await archive.close();
  });

  it('flushes by size and by interval, like Firehose buffering hints', async () => {
    let now = Date.UTC(2026, 10, 22, 10);
    const generated = traffic(60);
    const pseudonymiser = new Pseudonymiser(KEY);
    const archive = await EventArchive.open({ lakeDir, stagingDir, timer: false, now: () => now, buffer: { maxBytes: 50_000, intervalMs: 60_000 } });
    const handler = createArchiveHandler({ archive, pseudonymiser });
    await handler(kinesisEvent(generated.slice(0, 5).map((e) => e.line)));
    expect(await archiveFiles(lakeDir)).toEqual([]);
    now += 60_000;
    await handler(kinesisEvent(generated.slice(5, 6).map((e) => e.line)));
    expect((await archiveFiles(lakeDir)).length).toBe(1);
    await handler(kinesisEvent(generated.slice(6).map((e) => e.line)));
    expect((await archiveFiles(lakeDir)).length).toBeGreaterThanOrEqual(2);
    await archive.close();
    await expect(EventArchive.open({ lakeDir, stagingDir, buffer: { maxBytes: 0 } })).rejects.toThrow(InvalidArchiveOptionError);
    await expect(EventArchive.open({ lakeDir, stagingDir, buffer: { intervalMs: -1 } })).rejects.toThrow('archiver option buffer.intervalMs: expected a positive number, got -1');
  });
});
