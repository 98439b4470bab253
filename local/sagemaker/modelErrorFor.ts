import { ModelError } from './errors';
import type { EndpointStore } from './endpointStore';

/** The text SageMaker gives as `OriginalMessage` when a container does not answer in time. */
export const timeoutMessage = (containerName: string): string =>
  `Your invocation timed out while waiting for a response from container ${containerName}. ` +
  'Review the latency metrics for each container in Amazon CloudWatch, resolve the issue, and try again.';

/**
 * The {@link ModelError} SageMaker returns when the container answers `status` (0: no answer)
 * with `body`, worded as AWS words it:
 * `Received client error (400) from primary with message "…". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/churn in account 000000000000 for more information.`
 */
export const modelErrorFor = (store: EndpointStore, endpointName: string, status: number, body: string): ModelError => {
  const { region, accountId, containerName } = store;
  const group = `/aws/sagemaker/Endpoints/${endpointName}`;
  const kind = status >= 400 && status < 500 ? 'client' : 'server';
  const message =
    `Received ${kind} error (${status}) from ${containerName} with message "${body}". ` +
    `See https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logEventViewer:group=${group} ` +
    `in account ${accountId} for more information.`;
  return new ModelError(message, {
    originalStatusCode: status,
    originalMessage: body,
    logStreamArn: `arn:aws:logs:${region}:${accountId}:log-group:${group}`,
  });
};
