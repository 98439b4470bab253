import { describe, expect, it } from 'vitest';
import { PROGRESS_MIN_TOTAL, createProgress } from '../../cli/progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 60, write: (text: string) => writes.push(text) > 0 } };
}

describe('progress bar', () => {
  it('writes nothing when the stream is not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    const progress = createProgress(100_000, 'events', stream);
    for (let i = 0; i < 100_000; i++) progress.tick();
    progress.done();
    expect(writes).toEqual([]);
  });

  it('writes nothing for short runs, even on a terminal', () => {
    const { writes, stream } = fakeStream(true);
    const progress = createProgress(PROGRESS_MIN_TOTAL - 1, 'events', stream);
    progress.tick(PROGRESS_MIN_TOTAL - 1);
    progress.done();
    expect(writes).toEqual([]);
  });

  it('on a terminal draws a bar at most every interval, always at 100%, and clears it at the end', () => {
    const { writes, stream } = fakeStream(true);
    let clock = 0;
    const progress = createProgress(20_000, 'events', stream, 100, () => clock);
    progress.tick(5_000); // too soon after the first draw
    clock = 150;
    progress.tick(5_000);
    progress.tick(10_000);
    progress.done();
    const bar = (hashes: number, label: string) => `\r[${'#'.repeat(hashes)}${'.'.repeat(31 - hashes)}]${label}`;
    expect(writes).toEqual([
      bar(0, '   0.0% 0/20000 events'),
      bar(16, '  50.0% 10000/20000 events'),
      bar(31, ' 100.0% 20000/20000 events'),
      '\r\x1b[K',
    ]);
  });
});
