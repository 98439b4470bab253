import { clientConfig, type ServiceTarget } from './clientConfig';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { DEFAULT_ENDPOINT_NAME, InvalidEndpointAnswerError, type EndpointAnswer, type ModelEndpoint } from '../../lib/inference';

/** Options of {@link SageMakerModelEndpoint}. */
export interface SageMakerModelEndpointOptions {
  /** The SageMaker runtime client, or the endpoint to create one for (the local runtime). */
  readonly sagemaker: SageMakerRuntimeClient | ServiceTarget;
  /** The endpoint's name. @default 'snowline-propensity' */
  readonly endpointName?: string;
  /**
   * The model version behind each production variant (the deployed artifacts' metadata). A
   * `model_version=...` custom attribute in the answer wins. @default - none: the variant's name
   */
  readonly modelVersions?: Readonly<Record<string, string>>;
  /** The version when the variant is not in `modelVersions`. @default - the variant's name */
  readonly defaultModelVersion?: string;
}

const VERSION_ATTRIBUTE = /(?:^|[,;]\s*)model_version=([^,;]+)/;

/**
 * Calls a SageMaker endpoint with InvokeEndpoint: rows as `text/csv` without a header, as
 * SageMaker's built-in XGBoost reads them, and one score per line (or comma) back.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html#InputOutput-XGBoost
 * @example
 * ```ts
 * const endpoint = new SageMakerModelEndpoint({ sagemaker: new SageMakerRuntimeClient({}), defaultModelVersion: 'propensity@3' });
 * ```
 */
export class SageMakerModelEndpoint implements ModelEndpoint {
  /** The client, for fault injection in tests and for `destroy`. */
  readonly client: SageMakerRuntimeClient;

  constructor(private readonly options: SageMakerModelEndpointOptions) {
    const target = options.sagemaker;
    this.client =
      target instanceof SageMakerRuntimeClient
        ? target
        : new SageMakerRuntimeClient(clientConfig(target));
  }

  async invoke(rows: readonly (readonly number[])[], signal: AbortSignal): Promise<EndpointAnswer> {
    const output = await this.client.send(
      new InvokeEndpointCommand({
        EndpointName: this.options.endpointName ?? DEFAULT_ENDPOINT_NAME,
        ContentType: 'text/csv',
        Accept: 'text/csv',
        Body: Buffer.from(rows.map((row) => row.join(',')).join('\n')),
      }),
      { abortSignal: signal },
    );
    const text = Buffer.from(output.Body ?? new Uint8Array()).toString('utf8').trim();
    const scores = text === '' ? [] : text.split(/[\n,]/).map((value) => Number(value.trim()));
    if (scores.some((score) => Number.isNaN(score))) throw new InvalidEndpointAnswerError(`not CSV numbers: ${JSON.stringify(text.slice(0, 80))}`);
    const variant = output.InvokedProductionVariant ?? 'unknown-variant';
    const attribute = VERSION_ATTRIBUTE.exec(output.CustomAttributes ?? '')?.[1];
    const modelVersion = attribute ?? this.options.modelVersions?.[variant] ?? this.options.defaultModelVersion ?? variant;
    return { scores, modelVersion };
  }

  /** Releases the client's sockets when the endpoint created it. */
  destroy(): void {
    if (!(this.options.sagemaker instanceof SageMakerRuntimeClient)) this.client.destroy();
  }
}
