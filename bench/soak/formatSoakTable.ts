import type { SoakResult } from './types';

const n = (value: number): string => value.toLocaleString('en-US');

/** The soak's result as the table `npm run soak` prints: figures, then one line per check. */
export function formatSoakTable(result: SoakResult): string {
  const { traffic, reports, features, memory, lag, restart } = result;
  const inject = result.soak.inject === null ? '' : `, injected fault ${result.soak.inject.kind}:${result.soak.inject.every}`;
  const backlog = lag.atEnd.map((b) => `${b.consumer} ${b.shardId.replace('shardId-', '')} ${b.capped ? '≥' : ''}${n(b.recordsBehind)}`).join(', ');
  const figures: [string, string][] = [
    ['soak', `${result.soak.minutes} min at ${n(result.soak.rate)} events/s, seed ${result.soak.seed}${inject}`],
    ['events sent', `${n(traffic.eventsSent)} in ${traffic.sendSeconds} s (${n(traffic.eventsPerSecond)}/s; ${n(traffic.duplicates)} duplicates, ${n(traffic.late)} late)`],
    ['events counted (reports)', `${n(reports.eventsCounted)} of ${n(reports.eventsExpected)} expected; ${n(reports.mismatches)} of ${n(reports.valuesCompared)} values differ`],
    ['feature records', `${n(features.recordsCompared)} compared, ${n(features.mismatches)} differences`],
    ['bad rows', n(result.badRows)],
    ['on-failure records', n(result.onFailureRecords)],
    ['SIGKILL and restart', `at ${restart.killedAtSeconds} s, ready again ${restart.downSeconds} s later`],
    ['peak RSS of snowline up', `${memory.peakRssMb} MB`],
    ...memory.runs.map((r): [string, string] => [`  run ${r.run} (${r.samples} samples)`, `peak ${r.peakMb} MB; first third ${r.firstThirdMb} MB, last third ${r.lastThirdMb} MB`]),
    [
      'CPU per event',
      result.cpu === null
        ? 'n/a (no /proc)'
        : `snowline up ${n(result.cpu.stackMicrosPerEvent)} µs (${result.cpu.stackCores} cores), traffic sender ${n(result.cpu.senderMicrosPerEvent)} µs (${result.cpu.senderCores} cores)`,
    ],
    ...(result.cpu === null
      ? []
      : [
          [
            '  by thread',
            [...result.cpu.byThread.map((t) => `${t.name} ${n(t.microsPerEvent)}`), `other (libuv pool, GC) ${n(result.cpu.otherMicrosPerEvent)}`].join(', ') + ' µs',
          ] as [string, string],
        ]),
    ['iterator age, last third', `${lag.lastThirdMaxIteratorAgeSeconds} s at most`],
    ['iterator age at the end', Object.entries(lag.iteratorAgeAtEndSeconds).map(([name, s]) => `${name} ${s} s`).join(', ')],
    ['drained', lag.drainSeconds === null ? 'no' : `${lag.drainSeconds} s after the last put`],
    ['records behind at the end', backlog],
    ['load average (1 min)', `${result.loadAverage1m.before} before, ${result.loadAverage1m.after} after; ${result.cores} cores, Node ${result.node}`],
  ];
  const width = Math.max(...figures.map(([k]) => k.length));
  const lines = figures.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  const checks = result.checks.map((c) => `${c.passed ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  return [...lines, '', ...checks, '', result.passed ? `soak passed (${result.durationSeconds} s)` : `soak FAILED (${result.durationSeconds} s)`, ''].join('\n');
}
