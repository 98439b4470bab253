import { describe, expect, it } from 'vitest';
import { benchSdk } from '../../bench/sdk';

describe('npm run bench -- sdk', () => {
  it('measures the SDK client, with and without SDK_CLIENT_DEFAULTS, and the plain-http peer on the same PutRecords', async () => {
    const result = (await benchSdk(['--calls', '200', '--in-flight', '8', '--rounds', '1'])) as {
      callers: Record<string, { callsPerSecond: number; cpuMicrosPerCall: number }>;
      ratios: Record<string, number>;
    };
    expect(Object.keys(result.callers).sort()).toEqual(['http', 'sdk', 'sdkWithDefaults']);
    for (const caller of Object.values(result.callers)) {
      expect(caller.callsPerSecond).toBeGreaterThan(0);
      expect(caller.cpuMicrosPerCall).toBeGreaterThan(0);
    }
    expect(result.ratios.sdkToHttpCpu).toBeCloseTo(result.callers.sdk!.cpuMicrosPerCall / result.callers.http!.cpuMicrosPerCall, 1);
  });

  it('names a flag out of range', async () => {
    await expect(benchSdk(['--in-flight', '0'])).rejects.toThrow('--in-flight expects a whole number from 1 to 256, got "0"');
  });
});
