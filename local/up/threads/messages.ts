/** What a consumer thread and the stack's thread say to each other. */
import type { MappingStats } from '../../esm/types';
import type { Endpoints } from '../endpointsSchema';

/** The thread's `workerData`: which of DEFAULT_CONSUMERS to run, on which stack. */
export interface ConsumerThreadData {
  /** The thread's body, relative to entry.mjs. */
  readonly main: './consumerThreadMain.ts';
  readonly consumer: string;
  readonly endpoints: Endpoints;
  /** How often the thread reports its counters, in ms. */
  readonly statsEveryMs: number;
}

/** From the stack's thread. */
export type ToConsumerThread = { readonly type: 'stop' };

/** From the consumer thread. */
export type FromConsumerThread =
  | { readonly type: 'ready'; readonly stats: MappingStats; readonly cpuMicros: number | undefined }
  | { readonly type: 'stats'; readonly stats: MappingStats; readonly cpuMicros: number | undefined }
  | { readonly type: 'stopped'; readonly stats: MappingStats; readonly cpuMicros: number | undefined }
  | { readonly type: 'failed'; readonly message: string };

/** The services a thread of their own can run, by the name `snowline up` gives them. */
export type ThreadedServiceName = 'kinesis' | 'dynamodb' | 'featurestore';

/** A service thread's `workerData`: which service, with which options (plain data). */
export interface ServiceThreadData {
  readonly main: './serviceThreadMain.ts';
  /** How often the thread reports its CPU, in ms. */
  readonly statsEveryMs: number;
  readonly service: ThreadedServiceName;
  readonly options: unknown;
}

/** From the stack's thread to a service thread. */
export type ToServiceThread = { readonly type: 'stop' };

/** From a service thread. */
export type FromServiceThread =
  | { readonly type: 'ready'; readonly endpoint: string }
  | { readonly type: 'cpu'; readonly cpuMicros: number | undefined }
  | { readonly type: 'stopped' }
  | { readonly type: 'failed'; readonly message: string; readonly code?: string };
