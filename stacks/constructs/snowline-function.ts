/**
 * A TypeScript Lambda handler bundled and configured the one way every Snowline function is.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { checkInteger, checkPattern } from '../prop-checks';
import { logEncryptionKey } from './log-encryption-key';
import { checkExistingPath } from './path-checks';

/**
 * How every handler is bundled: one minified, tree-shaken ESM file with a source map, the AWS SDK
 * v3 left out (the Node.js runtime has it), and a `require` defined for the CommonJS dependencies
 * esbuild wraps (otherwise they fail with "Dynamic require of ... is not supported").
 */
export const SNOWLINE_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  externalModules: ['@aws-sdk/*'],
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  esbuildArgs: { '--tree-shaking': 'true' },
};

/** The runtime of every Snowline function. */
export const SNOWLINE_RUNTIME = lambda.Runtime.NODEJS_22_X;

/** The environment variable Powertools reads the service name from. */
export const SERVICE_NAME_VARIABLE = 'POWERTOOLS_SERVICE_NAME';

/** Node.js reads the bundle's source map, so stack traces name the TypeScript files and lines. */
const SOURCE_MAP_OPTIONS = { NODE_OPTIONS: '--enable-source-maps' } as const;

/** Lambda environment variable names: a letter, then letters, digits and `_`. */
const VARIABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** Props of {@link SnowlineFunction}. */
export interface SnowlineFunctionProps {
  /** Path of the handler module (TypeScript, exporting `handler`); it must exist at synth. */
  readonly entry: string;
  /** The service name in logs, metrics and traces (`POWERTOOLS_SERVICE_NAME`), e.g. `reports`. 1-64 of `[a-zA-Z0-9_-]`. */
  readonly serviceName: string;
  /**
   * Environment variables, beside `POWERTOOLS_SERVICE_NAME`. Names are a letter then
   * `[a-zA-Z0-9_]`.
   *
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default - no description */
  readonly description?: string;
  /**
   * Memory, which also sets the CPU share. Range 128-10240 MB.
   *
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * How long one invocation may run. Range 1-900 seconds.
   *
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * How long the function's log group keeps logs.
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A `NodejsFunction` on Node.js 22 (ARM64) bundled with {@link SNOWLINE_BUNDLING}, with active
 * X-Ray tracing, JSON logs in its own log group, and its own role that may only write to that log
 * group until something is granted to it.
 *
 * It is `IGrantable`: pass it to grant methods (`table.grantReadData(fn)`); pass `fn.function`
 * where an `IFunction` is wanted (event sources, integrations, alarms).
 *
 * @example
 * ```ts
 * const fn = new SnowlineFunction(this, 'Reports', {
 *   entry: 'handlers/reports.ts',
 *   serviceName: 'reports',
 *   environment: { REPORTS_TABLE: table.tableName },
 * });
 * table.grantReadWriteData(fn);
 * ```
 * @see https://docs.aws.amazon.com/lambda/latest/dg/typescript-handler.html
 */
export class SnowlineFunction extends Construct implements iam.IGrantable {
  /** The function. */
  readonly function: NodejsFunction;
  /** Its execution role. */
  readonly role: iam.Role;
  /** Where it logs. */
  readonly logGroup: logs.LogGroup;
  /** The principal grants go to: the execution role. */
  readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, props: SnowlineFunctionProps) {
    super(scope, id);
    checkExistingPath(this, 'entry', props.entry, 'file');
    checkPattern(this, 'serviceName', props.serviceName, /^[a-zA-Z0-9_-]{1,64}$/, '1-64 characters of a-z, A-Z, 0-9, "_" and "-"');
    for (const name of Object.keys(props.environment ?? {})) {
      checkPattern(this, `environment.${name}`, name, VARIABLE_NAME, 'a name of a letter then a-z, A-Z, 0-9 and "_"');
    }
    const memorySize = props.memorySize ?? 512;
    checkInteger(this, 'memorySize', memorySize, { min: 128, max: 10_240, unit: 'MB' });
    const timeout = props.timeout ?? Duration.seconds(30);
    if (!timeout.isUnresolved()) {
      checkInteger(this, 'timeout', timeout.toSeconds(), { min: 1, max: 900, unit: 'seconds' });
    }

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      encryptionKey: logEncryptionKey(this),
    });
    // A role of our own instead of AWSLambdaBasicExecutionRole: logs go to one log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Snowline: execution role of ${this.node.path}`,
    });
    this.logGroup.grantWrite(this.role);
    this.grantPrincipal = this.role;

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      runtime: SNOWLINE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize,
      timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      bundling: SNOWLINE_BUNDLING,
      environment: { ...SOURCE_MAP_OPTIONS, ...props.environment, [SERVICE_NAME_VARIABLE]: props.serviceName },
      ...(props.description ? { description: props.description } : {}),
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level permissions.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 on purpose: the project targets Node 20+ and its bundles are built for node22; newer runtimes follow the project.',
    });
  }
}
