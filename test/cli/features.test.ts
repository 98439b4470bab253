import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAge, formatDuration } from '../../cli/features/formatAge';
import { findFreePort, sdkClientConfig, startStack, writeEndpoints, type LocalStack } from '../../local/up';
import { SNOWLINE_BIN, type Outcome } from '../helpers/cli';
import { FREE_PORTS, removeDir, tempDataDir } from '../local/up/helpers';

const run = promisify(execFile);
let stack: LocalStack;
let dataDir: string;
let emptyDir: string;
/** The written record's event time: three hours ago, to the second, so its age reads `3h 0m ago`. */
const EVENT_TIME = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * 3_600_000).toISOString().replace('.000Z', 'Z');

/** Runs `snowline ARGS...` in `cwd` (the default data dir, `.snowline`, is relative to it). */
async function snowlineIn(cwd: string, ...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SNOWLINE_BIN, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  emptyDir = await mkdtemp(join(tmpdir(), 'snowline-features-cli-'));
  stack = await startStack({ dataDir, ports: FREE_PORTS, consumers: [] });
  const client = new SageMakerFeatureStoreRuntimeClient(sdkClientConfig(stack.endpoints, 'featurestore'));
  try {
    const value = (FeatureName: string, ValueAsString: string) => ({ FeatureName, ValueAsString });
    await client.send(
      new PutRecordCommand({
        FeatureGroupName: 'user_activity',
        Record: [value('domain_userid', 'u-42'), value('event_time', EVENT_TIME), value('page_views_5m', '3'), value('revenue_24h', '12.5'), value('country', 'DE')],
      }),
    );
  } finally {
    client.destroy();
  }
});

afterAll(async () => {
  await stack?.close();
  await removeDir(dataDir);
  await rm(emptyDir, { recursive: true, force: true });
});

describe('snowline features get', () => {
  it('prints the record of the running stack as a table, every declared feature in order, with its event time and age', async () => {
    const { code, stdout, stderr } = await snowlineIn(emptyDir, 'features', 'get', 'user_activity', 'u-42', '--data-dir', dataDir);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(
      [
        'feature group  user_activity',
        'record         u-42',
        `event time     ${EVENT_TIME} (3h 0m ago)`,
        '',
        'feature            type        value',
        'domain_userid      String      u-42',
        `event_time         String      ${EVENT_TIME}`,
        'page_views_5m      Integral    3',
        'page_views_1h      Integral    (not set)',
        'events_1h          Integral    (not set)',
        'link_clicks_1h     Integral    (not set)',
        'add_to_carts_1h    Integral    (not set)',
        'transactions_24h   Integral    (not set)',
        'revenue_24h        Fractional  12.5',
        'distinct_pages_1h  Integral    (not set)',
        'sessions_24h       Integral    (not set)',
        'last_event_name    String      (not set)',
        'device_class       String      (not set)',
        'country            String      DE',
        'is_logged_in       Integral    (not set)',
        '',
      ].join('\n'),
    );
  });

  it('--json prints one object with the values as Feature Store returns them and the age in seconds', async () => {
    const { code, stdout, stderr } = await snowlineIn(emptyDir, 'features', 'get', 'user_activity', 'u-42', '--json', '--data-dir', dataDir);
    expect([code, stderr]).toEqual([0, '']);
    const { ageSeconds, ...rest } = JSON.parse(stdout) as { ageSeconds: number };
    expect(rest).toEqual({
      featureGroup: 'user_activity',
      recordIdentifier: 'u-42',
      eventTime: EVENT_TIME,
      expiresAt: null,
      features: { domain_userid: 'u-42', event_time: EVENT_TIME, page_views_5m: '3', revenue_24h: '12.5', country: 'DE' },
    });
    expect(ageSeconds).toBeGreaterThanOrEqual(3 * 3600);
    expect(ageSeconds).toBeLessThan(3 * 3600 + 60);
    expect(stdout.endsWith('}\n')).toBe(true);
  });

  it('a record that is not there exits 1 and says so', async () => {
    const outcome = await snowlineIn(emptyDir, 'features', 'get', 'product_activity', 'SKU-00042', '--data-dir', dataDir);
    expect(outcome).toEqual({
      code: 1,
      stdout: '',
      stderr: "snowline: no record 'SKU-00042' in feature group product_activity (never written, deleted, or expired)\n",
    });
  });

  it('an unknown group exits 1 listing the known ones', async () => {
    const outcome = await snowlineIn(emptyDir, 'features', 'get', 'user_activty', 'u-42', '--data-dir', dataDir);
    expect(outcome).toEqual({
      code: 1,
      stdout: '',
      stderr: "snowline: unknown feature group 'user_activty': the known groups are user_activity, product_activity\n",
    });
  });

  it('with no running stack, says so and how to start one', async () => {
    expect(await snowlineIn(emptyDir, 'features', 'get', 'user_activity', 'u-42')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'snowline: no local stack found in .snowline: start one with `npm start`\n',
    });
    expect(await snowlineIn(emptyDir, 'features', 'get', 'user_activity', 'u-42', '--data-dir', 'elsewhere')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'snowline: no local stack found in elsewhere: start one with `npx snowline up --data-dir elsewhere`\n',
    });
  });

  it('with a stack that was killed (endpoints left behind, nothing listening), names the endpoint and how to start again', async () => {
    const staleDir = join(emptyDir, 'stale');
    await mkdir(staleDir);
    const port = await findFreePort('127.0.0.1');
    await writeEndpoints(staleDir, { ...stack.endpoints, featurestore: `http://127.0.0.1:${port}`, dataDir: staleDir });
    expect(await snowlineIn(emptyDir, 'features', 'get', 'user_activity', 'u-42', '--data-dir', 'stale')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `snowline: the local stack in stale does not answer at http://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}): ` +
        'start it again with `npx snowline up --data-dir stale`\n',
    });
  });

  it('--help shows the usage, the groups and the options', async () => {
    const { code, stdout } = await snowlineIn(emptyDir, 'features', 'get', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: snowline features get [options] <group> <record-id>');
    expect(stdout).toContain('the feature group: user_activity, product_activity');
    expect(stdout).toContain('--json');
    expect(stdout).toContain('--data-dir <dir>');
  });
});

describe('record age', () => {
  it('reads as the two largest units, rounded down, and says when an event time is ahead of the clock', () => {
    expect([0, 999, 42_000, 192_400, 7_500_000, 277_200_000].map(formatDuration)).toEqual(['0s', '0s', '42s', '3m 12s', '2h 5m', '3d 5h']);
    expect(formatAge(1_000, 193_400)).toBe('3m 12s ago');
    expect(formatAge(66_000, 1_000)).toBe('1m 5s in the future');
  });
});
