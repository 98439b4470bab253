import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TruthAccumulator, generateEvents } from '../../lib/generator';
import { snowline } from '../helpers/cli';

const dir = await mkdtemp(join(tmpdir(), 'snowline-generate-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('snowline generate', () => {
  it('--events 1000 --seed 1 prints exactly 1000 lines, the library\'s, and nothing on a non-TTY stderr', async () => {
    const { code, stdout, stderr } = await snowline('generate', '--events', '1000', '--seed', '1');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1000);
    expect(lines).toEqual([...generateEvents({ events: 1000, seed: 1 })].map((g) => g.line));
  });

  it('--truth writes the ground truth of exactly the lines printed', async () => {
    const file = join(dir, 'truth.json');
    const args = ['--events', '1500', '--seed', '4', '--start', '2026-12-01T08:00:00Z', '--users', '300', '--late-ratio', '0.1', '--duplicate-ratio', '0.05'];
    const { code, stdout, stderr } = await snowline('generate', ...args, '--truth', file);
    expect([code, stderr]).toEqual([0, '']);
    const expected = new TruthAccumulator();
    const lines = [];
    for (const g of generateEvents({ events: 1500, seed: 4, start: Date.parse('2026-12-01T08:00:00Z'), users: 300, lateRatio: 0.1, duplicateRatio: 0.05 })) {
      expected.add(g.event);
      lines.push(`${g.line}\n`);
    }
    expect(stdout).toBe(lines.join(''));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(expected.result());
    expect(expected.result().minutes[0]!.minute).toBe('2026-12-01T08:00:00.000Z');
  });

  it('--events abc fails naming --events and what it expects, writing nothing to stdout', async () => {
    const { code, stdout, stderr } = await snowline('generate', '--events', 'abc');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("option '--events <n>' argument 'abc' is invalid. expected a whole number of at least 1");
  });

  it('a missing --events, a bad ratio, a bad start and ratios summing to 1 fail naming the flag', async () => {
    const missing = await snowline('generate');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--events <n>' not specified");
    const ratio = await snowline('generate', '--events', '5', '--late-ratio', '2');
    expect(ratio.stderr).toContain("option '--late-ratio <r>' argument '2' is invalid. expected a ratio between 0 and 1");
    const start = await snowline('generate', '--events', '5', '--start', 'yesterday');
    expect(start.stderr).toContain("option '--start <iso>' argument 'yesterday' is invalid. expected an ISO-8601 UTC time");
    const users = await snowline('generate', '--events', '5', '--users', '0');
    expect(users.stderr).toContain("option '--users <u>' argument '0' is invalid. expected a whole number from 1 to 1000000");
    const sum = await snowline('generate', '--events', '5', '--late-ratio', '0.5', '--duplicate-ratio', '0.5');
    expect([sum.code, sum.stdout]).toEqual([1, '']);
    expect(sum.stderr).toContain('--late-ratio plus --duplicate-ratio must be below 1');
  });

  it('an unwritable --truth file fails before generating anything', async () => {
    const { code, stdout, stderr } = await snowline('generate', '--events', '5', '--truth', join(dir, 'missing-dir', 't.json'));
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain("option '--truth <file>' cannot write");
    expect(stderr).toContain('ENOENT');
  });
});
