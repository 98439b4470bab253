import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardUrl } from '../../../local/http';
import { isProcessAlive, terminatePostmaster } from '../../../local/postgres';
import { PORT_NAMES, readEndpoints, sdkClientConfig, SERVICE_PORTS } from '../../../local/up';
import { eventually, postmasterPid, readStream, removeDir, tempDataDir } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** `--kinesis-port 0 --dynamodb-port 0 ...`: free ports for every service. */
const freePortFlags = (): string[] => PORT_NAMES.flatMap((name) => [SERVICE_PORTS[name].option, '0']);

interface Run {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exit: Promise<number | null>;
}

function snowline(args: readonly string[]): Run {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'snowline.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = { child, stdout: '', stderr: '', exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
  child.stdout!.on('data', (chunk: Buffer) => (run.stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
  cleanups.push(async () => void child.kill('SIGKILL'));
  return run;
}

describe('snowline up (the command)', () => {
  it('starts within 30 s with the demo, prints its endpoints, and stops everything cleanly on SIGINT', async () => {
    const dataDir = await tempDataDir();
    cleanups.push(() => removeDir(dataDir));
    const began = Date.now();
    const run = snowline(['up', '--demo', '--demo-rate', '50', '--data-dir', dataDir, ...freePortFlags()]);

    await eventually(async () => (run.stdout.includes('Ctrl-C stops everything.') ? true : undefined), 30_000, 'snowline up to be ready');
    const startupMs = Date.now() - began;
    expect(startupMs).toBeLessThan(30_000);
    const endpoints = await readEndpoints(dataDir);
    const pgPid = (await postmasterPid(dataDir))!;
    cleanups.push(async () => void (await terminatePostmaster(pgPid, { fastShutdown: 2_000 })));
    expect(run.stdout).toMatch(/^snowline up: ready in \d+\.\d s \(\d+\.\d s since launch; first run: PostgreSQL initdb \d+\.\d s\)\n/);
    for (const [name, url] of [['kinesis', endpoints.kinesis], ['dynamodb', endpoints.dynamodb], ['postgres', endpoints.postgres], ['http', endpoints.http]]) {
      expect(run.stdout).toMatch(new RegExp(`\\n  ${name} +${url!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    }
    expect(run.stdout).toContain('  streams         snowline-enriched (2 shards), snowline-bad-rows (1 shard)\n');
    expect(run.stdout).toContain('  feature groups  user_activity, product_activity\n');
    expect(run.stdout).toContain('demo: sending about 50 events/s into snowline-enriched; a heartbeat every 10 s\n');

    // The printed dashboard link carries the key (opening it sets the cookie), and the printed curl line works as pasted.
    expect(endpoints.apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(run.stdout).toContain(`\n  dashboard       ${dashboardUrl(endpoints)}\n`);
    const published = JSON.parse(readFileSync(join(ROOT, 'model', 'propensity', 'metadata.json'), 'utf8')) as { version: string };
    expect(run.stdout).toMatch(new RegExp(`\\n  sagemaker +\\S+  \\(endpoint snowline-propensity, model ${published.version}\\)\\n`));
    expect(run.stdout).toContain(`\n  api key         ${join(dataDir, 'api-key')}: send it as x-api-key, e.g.\n`);
    const opened = await fetch(/\n {2}dashboard +(\S+)\n/.exec(run.stdout)![1]!, { redirect: 'manual' });
    expect([opened.status, opened.headers.get('set-cookie')]).toEqual([303, `snowline_api_key=${endpoints.apiKey}; HttpOnly; SameSite=Strict; Path=/`]);
    const curl = /\n {18}(curl .+)\n/.exec(run.stdout)![1]!;
    expect(curl).toBe(`curl -H "x-api-key: $(cat ${join(dataDir, 'api-key')})" ${endpoints.http}/api/health`);
    const { stdout: health } = await promisify(execFile)('sh', ['-c', `${curl} --silent --fail`]);
    expect(JSON.parse(health)).toMatchObject({ ready: true });
    expect((await fetch(`${endpoints.http}/api/health`)).status).toBe(401);

    // The demo's events reach the enriched stream through the real Kinesis client.
    const kinesis = new KinesisClient(sdkClientConfig(endpoints, 'kinesis'));
    try {
      const events = await eventually(
        async () => {
          const lines = await readStream(kinesis, 'snowline-enriched');
          return lines.length >= 20 ? lines : undefined;
        },
        20_000,
        '20 demo events',
      );
      expect(events.every((line) => line.split('\t').length === 131)).toBe(true);
    } finally {
      kinesis.destroy();
    }

    run.child.kill('SIGINT');
    expect(await Promise.race([run.exit, new Promise((resolve) => setTimeout(() => resolve('timeout'), 30_000))])).toBe(0);
    expect(run.stdout).toContain('snowline up: SIGINT, stopping (press Ctrl-C again to force)\n');
    expect(run.stdout).toMatch(/demo: [\d,]+ events sent in all\n/);
    expect(run.stdout).toMatch(
      /snowline up: stopped consumer archiver, consumer features, consumer reports, consumer shop-orders, http, featurestore, sagemaker, model-server, dynamodb, kinesis, replicator, postgres in \d+\.\d s\n$/,
    );
    expect(await isProcessAlive(pgPid)).toBe(false);
    expect(existsSync(join(dataDir, 'endpoints.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'snowline-up.pid'))).toBe(false);
  });

  it('exits 1 naming the port and the option when a port is in use, leaving nothing behind', async () => {
    const dataDir = await tempDataDir();
    cleanups.push(() => removeDir(dataDir));
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;

    const run = snowline(['up', '--data-dir', dataDir, ...freePortFlags(), '--http-port', String(port)]);
    expect(await run.exit).toBe(1);
    expect(run.stderr).toContain(`snowline up: port ${port} is in use (http); choose another with --http-port\n`);
    expect(run.stdout).toBe('');
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
  });

  it('rejects a malformed port, saying what the flag expects', async () => {
    const run = snowline(['up', '--kinesis-port', '70000']);
    expect(await run.exit).toBe(1);
    expect(run.stderr).toContain(`option '--kinesis-port <port>' argument '70000' is invalid. expected a port from 0 to 65535 (0 picks a free one), got "70000".`);
  });

  it('exits at once on a second signal, and PostgreSQL still shuts itself down; --no-api-key serves the API without a key', async () => {
    const dataDir = await tempDataDir();
    cleanups.push(() => removeDir(dataDir));
    const run = snowline(['up', '--no-api-key', '--data-dir', dataDir, ...freePortFlags()]);
    await eventually(async () => (run.stdout.includes('Ctrl-C stops everything.') ? true : undefined), 30_000, 'snowline up to be ready');
    const endpoints = await readEndpoints(dataDir);
    expect(endpoints.apiKey).toBeUndefined();
    expect(existsSync(join(dataDir, 'api-key'))).toBe(false);
    expect((await fetch(`${endpoints.http}/api/health`)).status).toBe(200);
    expect(run.stdout).toContain(`\n  dashboard       ${endpoints.http}/\n  api key         none (--no-api-key)`);
    const pgPid = (await postmasterPid(dataDir))!;
    cleanups.push(async () => void (await terminatePostmaster(pgPid, { fastShutdown: 2_000 })));

    // Two different signals, so neither is merged into the other while pending.
    run.child.kill('SIGINT');
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(130);
    expect(run.stdout).toMatch(/snowline up: SIG(INT|TERM) again, exiting without waiting\n$/);
    await eventually(async () => ((await isProcessAlive(pgPid)) ? undefined : true), 10_000, 'PostgreSQL to stop');
  });
});
