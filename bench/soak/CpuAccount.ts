/**
 * CPU counters sampled while the stack runs, by key (the process, each thread): per run of the
 * stack, what a counter rose from its first sample to its last, summed over the runs (a counter
 * starts again from zero after a restart, and the start-up before the first sample is not counted).
 *
 * @example
 * const cpu = new CpuAccount();
 * cpu.sample('process', 1_000_000); cpu.sample('process', 3_000_000);
 * cpu.closeRun();
 * cpu.usedMicros('process'); // 2_000_000
 */
export class CpuAccount {
  private readonly used = new Map<string, number>();
  private readonly current = new Map<string, { first: number; last: number }>();

  /** Records a counter's value, in µs. */
  sample(key: string, micros: number): void {
    const run = this.current.get(key);
    if (run === undefined) this.current.set(key, { first: micros, last: micros });
    else run.last = micros;
  }

  /** Ends the current run of the stack: what each counter rose by is added to its total. */
  closeRun(): void {
    for (const [key, run] of this.current) this.used.set(key, (this.used.get(key) ?? 0) + run.last - run.first);
    this.current.clear();
  }

  /** A counter's total over the closed runs, in µs; undefined when it was never sampled. */
  usedMicros(key: string): number | undefined {
    return this.used.get(key);
  }

  /** Every key sampled in a closed run, in the order first seen. */
  keys(): string[] {
    return [...this.used.keys()];
  }
}
