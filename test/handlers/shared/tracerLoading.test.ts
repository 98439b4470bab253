import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Imports the reports handler in a fresh Node process and says whether the X-Ray SDK's cls-hooked got loaded. */
async function loadsClsHooked(env: NodeJS.ProcessEnv): Promise<{ clsHooked: boolean; tracing: boolean }> {
  const script = `
    const { createObservability } = await import('./handlers/shared/observability/index.ts');
    const { tracer } = createObservability('snowline-reports', { metrics: null });
    const cache = (await import('node:module')).createRequire(import.meta.url).cache;
    console.log(JSON.stringify({ clsHooked: Object.keys(cache).some((key) => key.includes('cls-hooked')), tracing: tracer.constructor.name === 'Tracer' }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env } });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { clsHooked: boolean; tracing: boolean };
}

describe('the tracer', () => {
  it('is not loaded outside Lambda: no X-Ray SDK, no async hook over every promise of snowline up', async () => {
    // GIVEN no Lambda execution environment WHEN a handler's observability is built THEN cls-hooked is not loaded
    expect(await loadsClsHooked({ AWS_EXECUTION_ENV: '' })).toEqual({ clsHooked: false, tracing: false });
  });

  it("is Powertools' Tracer inside Lambda", async () => {
    // GIVEN Lambda's AWS_EXECUTION_ENV WHEN the observability is built THEN the real tracer (and the X-Ray SDK) is loaded
    expect(await loadsClsHooked({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', POWERTOOLS_TRACE_ENABLED: 'false' })).toEqual({ clsHooked: true, tracing: true });
  });
});
