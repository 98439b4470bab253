/**
 * The pipeline's CDK app entry: `npx cdk synth --app "npx tsx stacks/pipeline-app.ts"` (and
 * `cdk deploy` of it, once, from the tooling account). The plain app (`stacks/app.ts`) never
 * builds the pipeline, so its synth needs no repository connection.
 */
import { App } from 'aws-cdk-lib';
import { PIPELINE } from './environments';
import { PipelineStack } from './pipeline-stack';

const app = new App();
new PipelineStack(app, 'Snowline-Pipeline', { env: { account: PIPELINE.account, region: PIPELINE.region } });
