/** What a consumer thread and the stack's thread say to each other. */
import type { MappingStats } from '../../esm/types';
import type { Endpoints } from '../endpointsSchema';

/** The thread's `workerData`: which of DEFAULT_CONSUMERS to run, on which stack. */
export interface ConsumerThreadData {
  readonly consumer: string;
  readonly endpoints: Endpoints;
  /** How often the thread reports its counters, in ms. */
  readonly statsEveryMs: number;
}

/** From the stack's thread. */
export type ToConsumerThread = { readonly type: 'stop' };

/** From the consumer thread. */
export type FromConsumerThread =
  | { readonly type: 'ready'; readonly stats: MappingStats }
  | { readonly type: 'stats'; readonly stats: MappingStats }
  | { readonly type: 'stopped'; readonly stats: MappingStats }
  | { readonly type: 'failed'; readonly message: string };
