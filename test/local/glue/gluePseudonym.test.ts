import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pseudonymiser } from '../../../lib/privacy';
import { LAKE_MERGE_JOB_PATHS } from '../../../stacks/constructs/lake-merge-job';

/** Runs glue-jobs/pseudonym.py (the Glue job's pseudonym function) in the system Python on `input`, returning its JSON answer. */
function python(script: string, input: unknown): unknown {
  const out = execFileSync('/usr/bin/python3', ['-c', script], {
    input: JSON.stringify(input),
    env: { ...process.env, PYTHONPATH: dirname(LAKE_MERGE_JOB_PATHS.pseudonymModule) },
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const HASH = `
import json, sys
from pseudonym import check_key, make_pseudonym
job = json.load(sys.stdin)
pseudonym = make_pseudonym(check_key(job["key"], "the test"))
print(json.dumps([pseudonym(v) for v in job["values"]]))
`;

const CHECK = `
import json, sys
from pseudonym import check_key
job = json.load(sys.stdin)
out = []
for key in job["keys"]:
    try:
        out.append(["ok", check_key(key, "arn:secret")])
    except ValueError as error:
        out.append(["error", str(error)])
print(json.dumps(out))
`;

describe("glue-jobs/pseudonym.py (the Glue merge's pseudonym) equals lib/privacy's Pseudonymiser.hash", () => {
  it('for any key and any values, NULL staying NULL', () => {
    // GIVEN random keys (as Secrets Manager generates them, and any text) and values (Unicode included)
    const cases = fc.sample(
      fc.record({
        key: fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{64}$/), fc.string({ minLength: 32, maxLength: 80 }).filter((k) => k.trim() === k && !k.endsWith('\n'))),
        values: fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constant('cust-000123'), fc.constant('ada@example.com')), { minLength: 1, maxLength: 20 }),
      }),
      { numRuns: 12, seed: 8 },
    );
    for (const { key, values } of cases) {
      // WHEN both hash them THEN the pseudonyms are the same, and null stays null in Python
      const expected = values.map((v) => new Pseudonymiser(key).hash(v));
      expect(python(HASH, { key, values: [...values, null] })).toEqual([...expected, null]);
    }
  });

  it('reads the secret text as checkKey does: one trailing newline dropped, short keys and outer whitespace refused, naming the source', () => {
    // GIVEN keys with a newline, too short, with a leading space
    const long = 'k'.repeat(40);
    const answers = python(CHECK, { keys: [`${long}\n`, `${long}\r\n`, 'short', ` ${long}`] });
    // THEN the same key as TypeScript, or an error naming the secret and the problem, never the key
    expect(answers).toEqual([
      ['ok', long],
      ['ok', long],
      ['error', 'pseudonymisation key from arn:secret: the key has 5 characters; at least 32 are needed (e.g. 64 hex characters)'],
      ['error', 'pseudonymisation key from arn:secret: the key starts or ends with whitespace'],
    ]);
    expect(python(HASH, { key: `${long}\n`, values: ['x'] })).toEqual([new Pseudonymiser(`${long}\n`).hash('x')]);
  });
});
