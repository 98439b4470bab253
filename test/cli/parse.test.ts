import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEvents } from '../../lib/generator';
import { parseToSdkJson } from '../../lib/snowplow';
import { FIELD_INDEX } from '../../schemas/enriched-event';
import { snowline, snowlineWithInput } from '../helpers/cli';

const dir = await mkdtemp(join(tmpdir(), 'snowline-parse-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const generated = [...generateEvents({ events: 1000, seed: 1 })].map((g) => g.line);

describe('snowline parse', () => {
  it('turns 1000 generated lines from stdin into 1000 JSON lines and nothing on stderr', async () => {
    const { code, stdout, stderr } = await snowlineWithInput(`${generated.join('\n')}\n`, 'parse');
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1000);
    expect(JSON.parse(lines[999]!)).toEqual((parseToSdkJson(generated[999]!) as { json: unknown }).json);
  });

  it('reads a file, writes bad rows to stderr and still exits 0', async () => {
    const file = join(dir, 'mixed.tsv');
    const broken = generated[1]!.split('\t');
    broken[FIELD_INDEX.domain_sessionidx] = '3x';
    await writeFile(file, [generated[0], 'not\tan\tevent', broken.join('\t')].join('\n'));
    const { code, stdout, stderr } = await snowline('parse', file);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const badRows = stderr.trimEnd().split('\n').map((l) => JSON.parse(l) as { data: { failure: unknown; payload: string } });
    expect(badRows[0]!.data).toMatchObject({ failure: { type: 'FieldNumberMismatch', fieldCount: 3 }, payload: 'not\tan\tevent' });
    expect(badRows).toHaveLength(2);
    expect(badRows[1]!.data.failure).toEqual({
      type: 'RowDecodingError',
      errors: [{ type: 'InvalidValue', key: 'domain_sessionidx', value: '3x', message: 'field domain_sessionidx: "3x" is not an integer' }],
    });
  });

  it('a missing file is an error naming it', async () => {
    const { code, stdout, stderr } = await snowline('parse', join(dir, 'nope.tsv'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`snowline: cannot read ${join(dir, 'nope.tsv')}: no such file\n`);
  });

  it('--help says what it does', async () => {
    const { code, stdout } = await snowline('parse', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: snowline parse [options] [file]');
  });
});
