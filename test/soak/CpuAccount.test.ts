import { describe, expect, it } from 'vitest';
import { CpuAccount } from '../../bench/soak/CpuAccount';

describe('CpuAccount', () => {
  it('sums what each counter rose by within each run, a restart starting it from zero again', () => {
    const cpu = new CpuAccount();
    cpu.sample('process', 5_000_000); // start-up before the first sample is not counted
    cpu.sample('process', 7_000_000);
    cpu.sample('consumer features', 100);
    cpu.sample('consumer features', 600);
    cpu.closeRun();
    cpu.sample('process', 1_000_000); // the second run's counter starts near zero
    cpu.sample('process', 4_000_000);
    cpu.closeRun();
    expect(cpu.usedMicros('process')).toBe(2_000_000 + 3_000_000);
    expect(cpu.usedMicros('consumer features')).toBe(500);
    expect(cpu.usedMicros('kinesis')).toBeUndefined();
    expect(cpu.keys()).toEqual(['process', 'consumer features']);
  });
});
