/**
 * The CDK app entry (`cdk.json`: `npx tsx stacks/app.ts`).
 *
 * `npx cdk synth -c env=prod` picks the environment; the default is `dev`.
 */
import { App } from 'aws-cdk-lib';
import { buildSnowlineApp } from './snowline-app';

buildSnowlineApp(new App());
