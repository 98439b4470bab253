import { clientConfig, type ServiceTarget } from './clientConfig';
import { BatchGetRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { IncompleteFeatureReadError, recordKeyOf, type OnlineFeatureReader, type RecordKey } from '../../lib/inference';
import type { OnlineRecordInput } from '../../lib/model';

/** Options of {@link FeatureStoreOnlineReader}. */
export interface FeatureStoreOnlineReaderOptions {
  /** The Feature Store runtime client, or the endpoint to create one for (the local service). */
  readonly featureStore: SageMakerFeatureStoreRuntimeClient | ServiceTarget;
  /** The deployed name of a declared feature group, where they differ (`FEATURE_GROUP_<NAME>`). @default - the declared names */
  readonly groupNames?: Readonly<Record<string, string>>;
}

/**
 * Reads online records with ONE BatchGetRecord call for all keys, whatever their groups (the
 * caller keeps a request within the API's 100 records). A record the store has not (never
 * written, deleted or expired) is null; an identifier in `Errors` or `UnprocessedIdentifiers`
 * fails the read, since a defaulted feature must never pass for a real one.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_BatchGetRecord.html
 * @example
 * ```ts
 * const reader = new FeatureStoreOnlineReader({ featureStore: { endpoint: 'http://127.0.0.1:4570' } });
 * ```
 */
export class FeatureStoreOnlineReader implements OnlineFeatureReader {
  /** The client, for fault injection in tests and for `destroy`. */
  readonly client: SageMakerFeatureStoreRuntimeClient;
  private readonly deployedToDeclared: Map<string, string>;

  constructor(private readonly options: FeatureStoreOnlineReaderOptions) {
    const target = options.featureStore;
    this.client =
      target instanceof SageMakerFeatureStoreRuntimeClient
        ? target
        : new SageMakerFeatureStoreRuntimeClient(clientConfig(target));
    this.deployedToDeclared = new Map(Object.entries(options.groupNames ?? {}).map(([declared, deployed]) => [deployed, declared]));
  }

  async read(keys: readonly RecordKey[], signal: AbortSignal): Promise<Map<string, OnlineRecordInput | null>> {
    const byGroup = new Map<string, string[]>();
    for (const key of keys) byGroup.set(key.group, [...(byGroup.get(key.group) ?? []), key.id]);
    const output = await this.client.send(
      new BatchGetRecordCommand({
        Identifiers: [...byGroup].map(([group, ids]) => ({ FeatureGroupName: this.options.groupNames?.[group] ?? group, RecordIdentifiersValueAsString: ids })),
      }),
      { abortSignal: signal },
    );
    const declared = (deployed: string | undefined) => this.deployedToDeclared.get(deployed ?? '') ?? deployed ?? '';
    const failures = [
      ...(output.Errors ?? []).map((e) => `${declared(e.FeatureGroupName)}#${e.RecordIdentifierValueAsString}: ${e.ErrorCode} ${e.ErrorMessage}`),
      ...(output.UnprocessedIdentifiers ?? []).flatMap((u) => (u.RecordIdentifiersValueAsString ?? []).map((id) => `${declared(u.FeatureGroupName)}#${id}: unprocessed`)),
    ];
    if (failures.length > 0) throw new IncompleteFeatureReadError(failures);
    const records = new Map<string, OnlineRecordInput | null>(keys.map((key) => [recordKeyOf(key), null]));
    for (const found of output.Records ?? []) {
      const key = recordKeyOf({ group: declared(found.FeatureGroupName), id: found.RecordIdentifierValueAsString ?? '' });
      records.set(key, (found.Record ?? []).map((value) => ({ FeatureName: value.FeatureName ?? '', ValueAsString: value.ValueAsString ?? '' })));
    }
    return records;
  }

  /** Releases the client's sockets when the reader created it. */
  destroy(): void {
    if (!(this.options.featureStore instanceof SageMakerFeatureStoreRuntimeClient)) this.client.destroy();
  }
}
