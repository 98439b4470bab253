import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSnowlineApp } from '../../stacks/snowline-app';

const outdir = mkdtempSync(join(tmpdir(), 'snowline-offline-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('cdk synth without an AWS account', () => {
  it('needs no context lookup in any stack (the CLI would call AWS for one), so synth runs offline', () => {
    // GIVEN the dev app, whose stacks name a (placeholder) account
    const app = new App({ outdir, context: { env: 'dev' } });
    const { environment } = buildSnowlineApp(app);
    // WHEN it is synthesized
    const assembly = app.synth();
    // THEN nothing is left to look up, and the lake's VPC uses the region's named zones
    expect(assembly.manifest.missing ?? []).toEqual([]);
    const lake = assembly.stacks.find((stack) => stack.stackName.endsWith('-Lake'));
    const zones = Object.values(lake?.template.Resources ?? {})
      .filter((resource: any) => resource.Type === 'AWS::EC2::Subnet')
      .map((resource: any) => resource.Properties.AvailabilityZone);
    expect(zones.sort()).toEqual([`${environment.region}a`, `${environment.region}b`]);
  });
});
