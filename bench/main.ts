import { BENCHMARKS } from './benchmarks';

/** `npm run bench -- NAME [options]`: runs one benchmark and prints its JSON on stdout. */
const [name, ...args] = process.argv.slice(2);
const bench = name === undefined ? undefined : BENCHMARKS[name];
if (bench === undefined) {
  process.stderr.write(
    `usage: npm run bench -- NAME [options]\nbenchmarks: ${Object.keys(BENCHMARKS).join(', ')}\n` +
      (name === undefined ? '' : `unknown benchmark "${name}"\n`),
  );
  process.exit(2);
}
const result = await bench(args);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
