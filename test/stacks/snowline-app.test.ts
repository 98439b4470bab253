import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { ENVIRONMENTS, environmentFromContext } from '../../stacks/environments';
import { UnknownEnvironmentError } from '../../stacks/errors';
import { buildSnowlineApp, stackId } from '../../stacks/snowline-app';

const outdirs: string[] = [];
function app(context: Record<string, string> = {}): App {
  const outdir = mkdtempSync(join(tmpdir(), 'snowline-cdk-'));
  outdirs.push(outdir);
  return new App({ outdir, context });
}
afterEach(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('environments', () => {
  it('defaults to dev when the context names none', () => {
    // GIVEN an app without -c env WHEN the environment is read THEN it is dev with dev's placeholders
    expect(environmentFromContext(app())).toEqual({ name: 'dev', ...ENVIRONMENTS.dev });
  });

  it('reads -c env=prod', () => {
    // GIVEN an app with -c env=prod WHEN the environment is read THEN it is prod
    expect(environmentFromContext(app({ env: 'prod' }))).toEqual({ name: 'prod', ...ENVIRONMENTS.prod });
  });

  it('rejects an unknown environment, naming it and the known ones', () => {
    // GIVEN an app with -c env=qa WHEN the app is built THEN the error names qa and the choices
    const build = () => buildSnowlineApp(app({ env: 'qa' }));
    expect(build).toThrow(UnknownEnvironmentError);
    expect(build).toThrow('unknown environment "qa" in context "env": expected one of dev, staging, prod');
  });

  it('does not accept an inherited property name as an environment', () => {
    // GIVEN -c env=toString WHEN it is read THEN it is unknown
    expect(() => environmentFromContext(app({ env: 'toString' }))).toThrow(UnknownEnvironmentError);
  });
});

describe('buildSnowlineApp', () => {
  it('builds the stream stack for the chosen environment', () => {
    // GIVEN an app with -c env=prod
    const cdkApp = app({ env: 'prod' });

    // WHEN the Snowline stacks are built
    const { stream, environment } = buildSnowlineApp(cdkApp);

    // THEN the stream stack is named for prod and deploys to prod's account and region
    expect(environment.name).toBe('prod');
    expect(stream.stackName).toBe(stackId('prod', 'Stream'));
    expect(stream.account).toBe(ENVIRONMENTS.prod.account);
    expect(stream.region).toBe(ENVIRONMENTS.prod.region);
  });

  it('synthesises offline with cdk-nag reporting nothing', () => {
    // GIVEN the app as `cdk synth` builds it
    const cdkApp = app();
    buildSnowlineApp(cdkApp);

    // WHEN it is synthesised (the nag pack runs as a validation plugin)
    const assembly = cdkApp.synth();

    // THEN synthesis succeeds and the stream stack's template is there
    expect(assembly.getStackByName(stackId('dev', 'Stream')).template.Resources).toBeDefined();
  });

  it('fails synthesis on an unacknowledged cdk-nag finding', () => {
    // GIVEN the app with a queue that breaks AwsSolutions rules (no TLS-only policy, no DLQ)
    const cdkApp = app();
    const { stream } = buildSnowlineApp(cdkApp);
    new sqs.Queue(stream, 'Careless');

    // WHEN it is synthesised THEN validation stops it
    expect(() => cdkApp.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
