import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { SoakResult } from '../../bench/soak/index';

const run = promisify(execFile);
/** The `npm run soak` executable, run with this Node. */
const SOAK_BIN = join(import.meta.dirname, '../../bin/soak.mjs');

/** Runs `npm run soak -- ARGS...` to the end: its exit code and output. */
async function soak(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SOAK_BIN, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// The two soaks run side by side (each its own stack on its own ports and data dir), so the file
// takes about as long as the longer one.
describe('npm run soak', () => {
  it.concurrent('30 s at 50 events/s with snowline up SIGKILLed half-way: every check passes, and --json has every figure', async ({ expect }) => {
    const { code, stdout, stderr } = await soak('--minutes', '0.5', '--rate', '50', '--json');

    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as SoakResult;
    expect(result.passed).toBe(true);
    expect(result.checks.map((c) => [c.name, c.passed])).toEqual([
      ['reports: nothing lost or double-counted', true],
      ['features: every record equals the truth', true],
      ['no bad rows', true],
      ['no record given up', true],
      ['drained: no backlog at the end', true],
      ['lag bounded', true],
    ]);
    // The traffic really flowed, and the stack really died and came back in the middle.
    expect(result.traffic.eventsSent).toBeGreaterThan(500);
    expect(result.traffic.duplicates).toBeGreaterThan(0);
    expect(result.restart.killedAtSeconds).toBeGreaterThanOrEqual(14);
    expect(result.restart.killedAtSeconds).toBeLessThan(20);
    expect(result.restart.downSeconds).toBeGreaterThan(0);
    expect(stderr).toMatch(/SIGKILL to snowline up \(pid \d+\)/);
    // Every event counted once: the lines sent less the generator's exact duplicates (of which a
    // few repeat a line of the skipped ramp-up, so they are the first copy sent).
    expect(result.reports.eventsCounted).toBe(result.reports.eventsExpected);
    expect(result.reports.eventsExpected).toBeLessThanOrEqual(result.traffic.eventsSent);
    expect(result.reports.eventsExpected).toBeGreaterThanOrEqual(result.traffic.eventsSent - result.traffic.duplicates);
    expect(result.reports.mismatches).toBe(0);
    expect(result.features.recordsCompared).toBeGreaterThan(100);
    expect(result.features.mismatches).toBe(0);
    expect(result.badRows).toBe(0);
    expect(result.memory.peakRssMb).toBeGreaterThan(50);
    expect(result.memory.runs.map((r) => r.run)).toEqual([1, 2]);
    // Each run was sampled (once a second). The second run has what is left of the 30 s after
    // the restart, plus the drain: on a loaded CI machine the restart alone can take 12 s of it.
    expect(result.memory.runs.every((r) => r.samples >= 2 && r.peakMb > 50)).toBe(true);
    expect(result.memory.runs[0]!.samples).toBeGreaterThan(10);
    // The stack's CPU is counted over both runs: more than nothing, less than both cores the whole time.
    expect(result.cpu).not.toBeNull();
    expect(result.cpu!.stackMicrosPerEvent).toBeGreaterThan(100);
    expect(result.cpu!.stackCores).toBeGreaterThan(0);
    expect(result.cpu!.stackCores).toBeLessThanOrEqual(result.cores);
    expect(result.cpu!.senderMicrosPerEvent).toBeGreaterThan(0);
    // Every thread of the stack is accounted for, and together they stay within the process (the
    // threads report their CPU every 0.5-1 s, so their windows may be off by that much: 25 % slack).
    const threads = result.cpu!.byThread.map((t) => t.name).sort();
    expect(threads).toEqual(['consumer archiver', 'consumer features', 'consumer reports', 'consumer shop-orders', 'dynamodb', 'featurestore', 'kinesis', 'stack']);
    expect(result.cpu!.byThread.find((t) => t.name === 'consumer features')!.microsPerEvent).toBeGreaterThan(0);
    expect(result.cpu!.byThread.reduce((sum, t) => sum + t.microsPerEvent, 0)).toBeLessThanOrEqual(result.cpu!.stackMicrosPerEvent * 1.25);
    expect(result.lag.drainSeconds).not.toBeNull();
    expect(Object.keys(result.lag.iteratorAgeAtEndSeconds)).toEqual(expect.arrayContaining(['reports', 'features']));
    expect(result.lag.atEnd.length).toBeGreaterThanOrEqual(4);
    expect(result.lag.atEnd.every((b) => b.recordsBehind === 0 && b.checkpoint !== undefined)).toBe(true);
  }, 180_000);

  it.concurrent('a fault injected into the traffic (every 25th event never put) fails the soak with exit 1 and names the mismatches', async ({ expect }) => {
    const { code, stdout, stderr } = await soak('--minutes', '0.25', '--rate', '50', '--inject', 'drop:25');

    expect(code, stderr).toBe(1);
    const lost = /FAIL {2}reports: nothing lost or double-counted: ([\d,]+) events counted, ([\d,]+) expected; [\d,]+ of [\d,]+ values differ: minute \S+ \w+\/\S+: counted \d+, expected \d+/.exec(stdout);
    expect(lost, stdout).not.toBeNull();
    const count = (text: string) => Number(text.replaceAll(',', ''));
    expect(count(lost![1]!)).toBeLessThan(count(lost![2]!));
    expect(stdout).toMatch(/FAIL {2}features: every record equals the truth: [\d,]+ differences: (user|product)_activity /);
    expect(stdout).toMatch(/PASS {2}drained: no backlog at the end/);
    expect(stdout).toMatch(/soak FAILED/);
  }, 120_000);

  it('a bad option: exit 2, naming the flag and the value', async () => {
    const { code, stderr } = await soak('--rate', 'fast');

    expect(code).toBe(2);
    expect(stderr).toContain('--rate expects a number from 1 to 5000, got "fast"');
  });
});
