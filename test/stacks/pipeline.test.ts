import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { ENVIRONMENTS, PIPELINE, parsePipeline } from '../../stacks/environments';
import { EnvironmentConfigError } from '../../stacks/errors';
import { PIPELINE_SYNTH_COMMAND, PipelineStack } from '../../stacks/pipeline-stack';

const outdir = mkdtempSync(join(tmpdir(), 'snowline-pipeline-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

// The pipeline app as `cdk synth --app "npx tsx stacks/pipeline-app.ts"` builds it (bundling skipped), once.
const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new PipelineStack(app, 'Snowline-Pipeline', { env: { account: PIPELINE.account, region: PIPELINE.region } });
const template = Template.fromStack(stack);
const pipelineStages = (Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0]!.Properties as { Stages: Stage[] }).Stages;

interface Action {
  readonly Name: string;
  readonly ActionTypeId: { readonly Category: string; readonly Provider: string };
  readonly RunOrder: number;
  readonly RoleArn?: unknown;
  readonly Configuration?: Record<string, unknown>;
}
interface Stage {
  readonly Name: string;
  readonly Actions: readonly Action[];
}
const stageNamed = (name: string) => pipelineStages.find((s) => s.Name === name)!;

describe('the pipeline', () => {
  it('runs source, the synth with the tests, self-mutation, assets, then staging and prod in that order', () => {
    // GIVEN the pipeline template WHEN its stages are read THEN they come in deployment order
    expect(pipelineStages.map((s) => s.Name)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Assets', 'Staging', 'Prod']);
  });

  it('takes its source from the repository through the configured CodeStar connection', () => {
    // GIVEN the source stage THEN its one action is the connection, repository and branch of PIPELINE
    expect(stageNamed('Source').Actions).toEqual([
      expect.objectContaining({
        ActionTypeId: expect.objectContaining({ Provider: 'CodeStarSourceConnection' }),
        Configuration: expect.objectContaining({
          ConnectionArn: PIPELINE.connectionArn,
          FullRepositoryId: PIPELINE.repository,
          BranchName: PIPELINE.branch,
        }),
      }),
    ]);
  });

  it('gates everything on the tests: the synth step runs CI (npm ci, npm test) before cdk synth', () => {
    // GIVEN the synth CodeBuild project THEN its build commands run .ci/run, then the synth
    const projects = template.findResources('AWS::CodeBuild::Project', {
      Properties: { Source: { BuildSpec: Match.stringLikeRegexp('bash \\.ci/run') } },
    });
    const buildSpec = JSON.parse(String(Object.values(projects)[0]!.Properties.Source.BuildSpec)) as {
      phases: { build: { commands: string[] } };
    };
    expect(buildSpec.phases.build.commands).toEqual(['bash .ci/run', PIPELINE_SYNTH_COMMAND]);
    expect(readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')).toMatch(/npm ci[^\n]*\nnpm test\n/);
  });

  it('waits for a manual approval before prod, and not before staging', () => {
    // GIVEN the two deployment stages THEN only prod opens with an approval, before any deploy action
    const prod = stageNamed('Prod').Actions;
    const approval = prod.find((a) => a.ActionTypeId.Category === 'Approval')!;
    expect(approval.RunOrder).toBe(1);
    expect(prod.filter((a) => a !== approval).every((a) => a.RunOrder > 1)).toBe(true);
    expect(stageNamed('Staging').Actions.some((a) => a.ActionTypeId.Category === 'Approval')).toBe(false);
  });

  it('deploys staging and prod into their own accounts, with cross-account encrypted artifacts', () => {
    // GIVEN each deployment stage's CloudFormation actions THEN they assume roles in that environment's account only
    for (const [stage, account] of [
      ['Staging', ENVIRONMENTS.staging.account],
      ['Prod', ENVIRONMENTS.prod.account],
    ] as const) {
      const deploys = stageNamed(stage).Actions.filter((a) => a.ActionTypeId.Provider === 'CloudFormation');
      expect(deploys.length).toBeGreaterThanOrEqual(6);
      for (const action of deploys) expect(JSON.stringify(action.RoleArn)).toContain(`:iam::${account}:role/`);
    }
    expect(ENVIRONMENTS.staging.account).not.toBe(ENVIRONMENTS.prod.account);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    // AND the stages hold every Snowline stack, each in the stage's account
    expect(stack.stages.map((s) => s.stacks.stream.account)).toEqual([ENVIRONMENTS.staging.account, ENVIRONMENTS.prod.account]);
    expect(stack.stages.map((s) => s.stacks.environment.name)).toEqual(['staging', 'prod']);
  });

  it('rejects a bad pipeline configuration naming the field', () => {
    // GIVEN a connection ARN that is not one WHEN validated THEN the error names connectionArn
    expect(() => parsePipeline({ ...PIPELINE, connectionArn: 'my-connection' })).toThrow(EnvironmentConfigError);
    expect(() => parsePipeline({ ...PIPELINE, connectionArn: 'my-connection' })).toThrow(/invalid connectionArn: expected a CodeStar connection ARN/);
    // AND a stage naming no declared environment is rejected too
    expect(() => parsePipeline({ ...PIPELINE, stages: ['staging', 'qa'] })).toThrow(/invalid stages: expected distinct names of declared environments/);
  });

  it('stays out of the plain app, so `cdk synth` needs no connection', () => {
    // GIVEN cdk.json and the plain app entry THEN neither names the pipeline
    const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { app: string };
    expect(cdkJson.app).toBe('npx tsx stacks/app.ts');
    expect(readFileSync(new URL('../../stacks/app.ts', import.meta.url), 'utf8')).not.toMatch(/pipeline/i);
  });
});
