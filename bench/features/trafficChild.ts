/**
 * The child process of the features freshness run: the producer and the GetRecord pollers
 * (runFreshnessTraffic), away from the feature consumer's process (whose event loop a 500-record
 * invocation keeps busy, which would delay the polls' timers and answers and so add to the
 * freshness measured) and from the services child (whose answers they would slow). Prints
 * `{"ready":true}` once loaded, then reads one line on stdin: the path of a JSON TrafficPlan.
 * Prints `{"putsDone":N}` when the last PutRecords call was acknowledged and
 * `{"outcome":TrafficOutcome,"cpuMicros":N}` at the end, then exits; exits at once when stdin
 * closes (the parent ended, even abruptly), and prints `{"error":"..."}` (exit code 1) when the run fails.
 *
 * Run as `node --import tsx bench/features/trafficChild.ts`; see {@link startTrafficChild}.
 */
import { readFile } from 'node:fs/promises';
import { runFreshnessTraffic, type TrafficPlan } from './runFreshnessTraffic';

const say = (message: unknown): void => void process.stdout.write(`${JSON.stringify(message)}\n`);

let input = '';
let started = false;
process.stdin.on('data', (chunk: Buffer) => {
  input += chunk.toString();
  const newline = input.indexOf('\n');
  if (newline < 0 || started) return;
  started = true;
  void run(input.slice(0, newline));
});
// The parent keeps stdin open until it stops the child: its end means the parent is gone.
process.stdin.on('end', () => process.exit(0));
process.on('SIGTERM', () => process.exit(143));

async function run(planFile: string): Promise<void> {
  try {
    const plan = JSON.parse(await readFile(planFile, 'utf8')) as TrafficPlan;
    const cpu = process.cpuUsage();
    const outcome = await runFreshnessTraffic(plan, (events) => say({ putsDone: events }));
    const used = process.cpuUsage(cpu);
    say({ outcome, cpuMicros: used.user + used.system });
    process.exit(0);
  } catch (error) {
    say({ error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}

say({ ready: true });
