import type { z } from 'zod';
import { batchGetRecord, BatchGetRecordInputSchema } from '../actions/batchGetRecord';
import { deleteRecord, DeleteRecordInputSchema } from '../actions/deleteRecord';
import { getRecord, GetRecordInputSchema } from '../actions/getRecord';
import { putRecord, PutRecordInputSchema } from '../actions/putRecord';
import type { FeatureStore } from '../FeatureStore';

/** A request taken apart: path captures, query string and JSON body. */
export interface RequestParts {
  readonly pathParams: readonly string[];
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

/** One operation of the API: where it is served, how its input is assembled, what runs it. */
export interface Operation {
  readonly name: string;
  readonly method: string;
  readonly path: RegExp;
  /** Whether the request has a JSON body. */
  readonly hasBody: boolean;
  readonly schema: z.ZodType;
  /** Builds the input from the HTTP bindings of the API model. */
  readonly input: (request: RequestParts) => unknown;
  readonly action: (store: FeatureStore, input: never) => Promise<unknown>;
}

const FEATURE_GROUP_PATH = /^\/FeatureGroup\/([^/]+)$/;
const list = (query: URLSearchParams, name: string) => (query.has(name) ? query.getAll(name) : undefined);
const single = (query: URLSearchParams, name: string) => query.get(name) ?? undefined;

/**
 * The operations served, with the method, path and bindings `@aws-sdk/client-sagemaker-featurestore-runtime`
 * uses (restJson1): the group in the path, GetRecord's and DeleteRecord's members in the query.
 */
export const OPERATIONS: readonly Operation[] = [
  {
    name: 'PutRecord',
    method: 'PUT',
    path: FEATURE_GROUP_PATH,
    hasBody: true,
    schema: PutRecordInputSchema,
    input: ({ pathParams, body }) => ({ ...body, FeatureGroupName: pathParams[0] }),
    action: putRecord,
  },
  {
    name: 'GetRecord',
    method: 'GET',
    path: FEATURE_GROUP_PATH,
    hasBody: false,
    schema: GetRecordInputSchema,
    input: ({ pathParams, query }) => ({
      FeatureGroupName: pathParams[0],
      RecordIdentifierValueAsString: single(query, 'RecordIdentifierValueAsString'),
      FeatureNames: list(query, 'FeatureName'),
      ExpirationTimeResponse: single(query, 'ExpirationTimeResponse'),
    }),
    action: getRecord,
  },
  {
    name: 'DeleteRecord',
    method: 'DELETE',
    path: FEATURE_GROUP_PATH,
    hasBody: false,
    schema: DeleteRecordInputSchema,
    input: ({ pathParams, query }) => ({
      FeatureGroupName: pathParams[0],
      RecordIdentifierValueAsString: single(query, 'RecordIdentifierValueAsString'),
      EventTime: single(query, 'EventTime'),
      TargetStores: list(query, 'TargetStores'),
      DeletionMode: single(query, 'DeletionMode'),
    }),
    action: deleteRecord,
  },
  {
    name: 'BatchGetRecord',
    method: 'POST',
    path: /^\/BatchGetRecord$/,
    hasBody: true,
    schema: BatchGetRecordInputSchema,
    input: ({ body }) => body,
    action: batchGetRecord,
  },
];
