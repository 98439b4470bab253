/**
 * The CDK Pipelines pipeline: from the repository through the tests to staging, then to prod after
 * a manual approval, each environment in its own account. Built by its own app entry
 * (`stacks/pipeline-app.ts`), so `cdk synth` of the plain app needs no repository connection.
 */
import { Stack, type StackProps, Stage, type StageProps } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import { ENVIRONMENTS, type EnvironmentName, PIPELINE, type PipelineDefinition, parseEnvironment, parsePipeline } from './environments';
import { buildSnowlineApp, type SnowlineStacks } from './snowline-app';

/** The command the synth step runs to synthesise this pipeline's own app. */
export const PIPELINE_SYNTH_COMMAND = 'npx cdk synth --app "npx tsx stacks/pipeline-app.ts"';

/**
 * The synth step's commands: CI's script (system packages the tests need, `npm ci`, `npm test`),
 * then the synth. A failing test fails the step, so nothing is deployed: the tests are the gate.
 */
export const PIPELINE_SYNTH_COMMANDS = ['bash .ci/run', PIPELINE_SYNTH_COMMAND] as const;

/** The id of the stage that deploys an environment, e.g. `Staging`. */
export function pipelineStageId(environment: EnvironmentName): string {
  return environment.charAt(0).toUpperCase() + environment.slice(1);
}

/** Props of {@link SnowlineStage}. */
export interface SnowlineStageProps extends StageProps {
  /** The environment the stage deploys, a key of `ENVIRONMENTS`. */
  readonly environment: EnvironmentName;
}

/** One environment's Snowline stacks as a pipeline stage, in the environment's account and region. */
export class SnowlineStage extends Stage {
  /** The stacks it deploys. */
  readonly stacks: SnowlineStacks;

  constructor(scope: Construct, id: string, props: SnowlineStageProps) {
    const environment = parseEnvironment(props.environment, ENVIRONMENTS[props.environment]);
    super(scope, id, { env: { account: environment.account, region: environment.region }, ...props });
    this.stacks = buildSnowlineApp(this, environment, { nagChecks: false });
  }
}

/** Props of {@link PipelineStack}. */
export interface PipelineStackProps extends StackProps {
  /**
   * The source and the environments to deploy, in order; a manual approval stands before the last.
   *
   * @default PIPELINE (stacks/environments.ts)
   */
  readonly pipeline?: PipelineDefinition;
}

/**
 * A self-mutating CDK pipeline in the tooling account:
 * - source: the repository through a CodeStar connection;
 * - synth: CI's script (`npm ci`, `npm test`: the gate) and `cdk synth` of this app;
 * - one stage per environment of `pipeline.stages` (staging, then prod), each in its own account
 *   with cross-account KMS-encrypted artifacts; a manual approval before the last.
 *
 * The target accounts must be bootstrapped trusting the tooling account
 * (`cdk bootstrap --trust <tooling account> aws://<account>/<region>`).
 *
 * @example
 * ```ts
 * new PipelineStack(new App(), 'Snowline-Pipeline', { env: { account: PIPELINE.account, region: PIPELINE.region } });
 * ```
 * @see https://docs.aws.amazon.com/cdk/v2/guide/cdk_pipeline.html
 */
export class PipelineStack extends Stack {
  /** The pipeline. */
  readonly pipeline: pipelines.CodePipeline;
  /** The stages, in deployment order. */
  readonly stages: readonly SnowlineStage[];

  constructor(scope: Construct, id: string, props: PipelineStackProps = {}) {
    super(scope, id, { description: 'Snowline: the pipeline that tests, then deploys staging and prod', ...props });
    const definition = parsePipeline(props.pipeline ?? PIPELINE);

    this.pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      pipelineName: 'snowline',
      crossAccountKeys: true,
      enableKeyRotation: true,
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection(definition.repository, definition.branch, {
          connectionArn: definition.connectionArn,
        }),
        commands: [...PIPELINE_SYNTH_COMMANDS],
      }),
      synthCodeBuildDefaults: {
        buildEnvironment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.MEDIUM },
        partialBuildSpec: codebuild.BuildSpec.fromObject({ phases: { install: { 'runtime-versions': { nodejs: 22 } } } }),
      },
    });

    this.stages = definition.stages.map((name, index) => {
      const stage = new SnowlineStage(this, pipelineStageId(name), { environment: name });
      const last = index === definition.stages.length - 1 && definition.stages.length > 1;
      this.pipeline.addStage(stage, {
        ...(last ? { pre: [new pipelines.ManualApprovalStep(`Promote-to-${name}`, { comment: `Deploy to ${name}?` })] } : {}),
      });
      return stage;
    });
  }
}
