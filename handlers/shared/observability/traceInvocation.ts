import type { HandlerTracer } from './createObservability';

/**
 * Runs one invocation in a `## handler` X-Ray subsegment annotated with the cold start and the
 * service (the AWS SDK calls of captured clients nest under it), recording an error before
 * rethrowing it. Outside Lambda, where the tracer is disabled, it only calls `run`.
 *
 * @example
 * ```ts
 * export const handler = (event: KinesisStreamEvent) => traceInvocation(tracer, () => deployed(event));
 * ```
 * @see https://docs.powertools.aws.dev/lambda/typescript/latest/core/tracer/#patching-aws-sdk-clients
 */
export async function traceInvocation<T>(tracer: HandlerTracer, run: () => Promise<T>): Promise<T> {
  if (!tracer.isTracingEnabled()) return run();
  const parent = tracer.getSegment();
  const subsegment = parent?.addNewSubsegment('## handler');
  if (subsegment !== undefined) tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  try {
    return await run();
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment?.close();
    if (parent !== undefined) tracer.setSegment(parent);
  }
}
