/**
 * Builders for the reporting stack's template tests: the stream stack and the reporting stack in
 * one app, with fixture handlers and a fixture dashboard folder so bundling takes milliseconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ReportingStack, type ReportingStackProps } from '../../stacks/reporting-stack';
import { StreamStack } from '../../stacks/stream-stack';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Stand-ins for the handlers and the dashboard folder. */
export const FIXTURE_PATHS = {
  reportsHandlerEntry: join(FIXTURES, 'reports-handler.ts'),
  dashboardApiHandlerEntry: join(FIXTURES, 'dashboard-api-handler.ts'),
  dashboardSource: join(FIXTURES, 'dashboard'),
} as const;

/** The output folders of the apps built so far, removed by {@link removeReportingOutdirs}. */
const outdirs: string[] = [];

/** Removes the output folders of every app {@link reportingApp} built (call in `afterAll`). */
export function removeReportingOutdirs(): void {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** What {@link reportingApp} builds. */
export interface ReportingApp {
  readonly app: App;
  readonly streams: StreamStack;
  readonly stack: ReportingStack;
  /** The reporting stack's template, synthesised on first use. */
  readonly template: Template;
}

/** Options of {@link reportingApp}. */
export interface ReportingAppOptions {
  /** Bundle the functions with esbuild (a second or two) rather than skip bundling. @default false */
  readonly bundle?: boolean;
}

/**
 * The stream stack and a reporting stack wired from it, in a fresh app writing to a temporary
 * folder, with the shared REPORTS_TABLE. `props` override the fixture paths and the defaults; the
 * streams and key always come from the stream stack.
 */
export function reportingApp(
  props: Partial<Omit<ReportingStackProps, 'enrichedStream' | 'badRowsStream' | 'encryptionKey'>> = {},
  options: ReportingAppOptions = {},
): ReportingApp {
  const outdir = mkdtempSync(join(tmpdir(), 'snowline-reporting-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    // An empty list skips bundling in every stack: most tests only read the template.
    ...(options.bundle ? {} : { context: { 'aws:cdk:bundling-stacks': [] } }),
  });
  const streams = new StreamStack(app, 'Streams');
  const stack = new ReportingStack(app, 'Reporting', {
    enrichedStream: streams.enrichedStream,
    badRowsStream: streams.badRowsStream,
    encryptionKey: streams.encryptionKey,
    ...FIXTURE_PATHS,
    ...props,
  });
  let template: Template | undefined;
  return {
    app,
    streams,
    stack,
    get template() {
      template ??= Template.fromStack(stack);
      return template;
    },
  };
}

/** The logical id of a construct's CloudFormation resource in its stack. */
export function logicalId(stack: Stack, construct: { readonly node: { readonly defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

/** Runs `build` and returns what it throws; fails if it throws nothing. */
export function captureError(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
