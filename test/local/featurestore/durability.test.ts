import { spawn, type ChildProcess } from 'node:child_process';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteRecordCommand, GetRecordCommand, PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeatureStoreService } from '../../../local/featurestore';
import { clientFor, queryDuckDb, scratchDir, startTestService, userRecord } from './helpers';

let root: string;
let removeDir: () => Promise<void>;
let child: ChildProcess | undefined;

beforeEach(async () => {
  const dir = await scratchDir();
  root = dir.path;
  removeDir = dir.remove;
});

afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await removeDir();
});

const FIXTURE = fileURLToPath(new URL('./fixtures/serveFeatureStore.ts', import.meta.url));

/** Starts the service in a child process and resolves with its endpoint (20 s at most). */
function startChild(flushIntervalMs: number): Promise<{ endpoint: string; process: ChildProcess }> {
  const started = spawn(process.execPath, ['--import', 'tsx', FIXTURE, root, String(flushIntervalMs)], {
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`the child did not start in 20 s: ${errors}`)), 20_000);
    started.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    started.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n')[0];
      if (output.includes('\n') && line !== undefined) {
        clearTimeout(timer);
        resolve({ endpoint: (JSON.parse(line) as { endpoint: string }).endpoint, process: started });
      }
    });
    started.once('exit', (code) => reject(new Error(`the child exited with ${String(code)}: ${errors}`)));
  });
}

const killed = (process: ChildProcess) =>
  new Promise<void>((resolve) => {
    process.once('exit', () => resolve());
    process.kill('SIGKILL');
  });

describe('durability', () => {
  it('serves the same online store after close and start on the same dataDir', async () => {
    const first = await startTestService(root);
    await first.client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: userRecord('u-keep', '2026-11-22T10:00:00Z', { country: 'FR' }) }));
    await first.client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: userRecord('u-deleted', '2026-11-22T10:00:00Z') }));
    await first.client.send(new DeleteRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u-deleted', EventTime: '2026-11-22T11:00:00Z' }));
    await first.close();
    expect((await readdir(join(root, 'data'))).filter((name) => !name.startsWith('wal-'))).toEqual(['snapshot.json']);

    const second = await startTestService(root);
    const kept = await second.client.send(new GetRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u-keep' }));
    expect(kept.Record).toEqual(userRecord('u-keep', '2026-11-22T10:00:00Z', { country: 'FR' }));
    // The soft delete survives too: an older put still cannot bring the record back.
    await second.client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: userRecord('u-deleted', '2026-11-22T10:30:00Z') }));
    const deleted = await second.client.send(new GetRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'u-deleted' }));
    expect(deleted.Record).toBeUndefined();
    await second.close();
  });

  it('loses no acknowledged write, online or offline, when the process is SIGKILLed', async () => {
    // Prepare: a child that flushes the offline store every 5 ms, so kills land mid-flush too
    const { endpoint, process: server } = await startChild(5);
    const client = clientFor({ endpoint } as FeatureStoreService);
    const acknowledged: string[] = [];
    let stop = false;

    // Act: 4 writers put distinct records until the kill; only 200s count as acknowledged
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const id = `u-${w}-${i}`;
        try {
          await client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: userRecord(id, '2026-11-22T10:00:00Z', { events_1h: String(i) }) }));
          acknowledged.push(id);
        } catch {
          return;
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 200) await new Promise((resolve) => setTimeout(resolve, 10));
    await killed(server);
    stop = true;
    await Promise.all(writers);
    client.destroy();

    // Assess: every acknowledged record is online after a restart...
    const restarted = await startTestService(root);
    for (const id of acknowledged) {
      const got = await restarted.client.send(new GetRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: id, FeatureNames: ['domain_userid'] }));
      expect(got.Record, id).toEqual([{ FeatureName: 'domain_userid', ValueAsString: id }]);
    }
    // ...and exactly once in the offline store: redone flushes replace their files
    await restarted.service.flushOfflineStore();
    const location = restarted.service.offlineStoreLocation('user_activity')!;
    const rows = await queryDuckDb(`SELECT domain_userid, count(*)::INTEGER AS n FROM read_parquet('${location}/data/**/*.parquet') GROUP BY 1`);
    const counts = new Map(rows.map((row) => [row.domain_userid as string, row.n as number]));
    for (const id of acknowledged) expect(counts.get(id), id).toBe(1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await restarted.close();
  });

  it('redoes a flush cut short after its file was written, replacing the file, not duplicating rows', async () => {
    // Prepare: a flush completes, then the disk is copied as if the process died before the
    // flush's end was logged (the copy is taken while the service runs, so nothing is compacted)
    const running = await startTestService(root);
    for (const id of ['u-a', 'u-b', 'u-c']) {
      await running.client.send(new PutRecordCommand({ FeatureGroupName: 'user_activity', Record: userRecord(id, '2026-11-22T10:00:00Z') }));
    }
    const [file] = await running.service.flushOfflineStore();
    const crashed = join(root, 'crashed');
    await cp(join(root, 'data'), join(crashed, 'data'), { recursive: true });
    await cp(join(root, 'lake'), join(crashed, 'lake'), { recursive: true });
    await running.close();
    const [wal] = (await readdir(join(crashed, 'data'))).filter((name) => name.startsWith('wal-')).sort().reverse();
    const lines = (await readFile(join(crashed, 'data', wal!), 'utf8')).split('\n').filter((line) => line !== '');
    expect(lines.map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(['write', 'write', 'write', 'flush', 'flushed']);
    await writeFile(join(crashed, 'data', wal!), lines.slice(0, -1).join('\n') + '\n');

    // Act
    const recovered = await startTestService(crashed);
    const location = recovered.service.offlineStoreLocation('user_activity')!;
    await recovered.close();

    // Assess
    const files = await queryDuckDb(`SELECT DISTINCT parse_filename(filename) AS name FROM read_parquet('${location}/data/**/*.parquet', filename = true)`);
    expect(files).toEqual([{ name: file!.split('/').at(-1) }]);
    const rows = await queryDuckDb(`SELECT domain_userid FROM read_parquet('${location}/data/**/*.parquet') ORDER BY 1`);
    expect(rows).toEqual([{ domain_userid: 'u-a' }, { domain_userid: 'u-b' }, { domain_userid: 'u-c' }]);
  });
});
