import { BatchGetRecordCommand, GetRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLocalKinesisClient } from '../../local/kinesis';
import { PUT_TICK_MS } from '../reports/measureFreshness';
import { PUT_RECORDS_MAX, putEvents } from '../reports/putEvents';

/** One event of the freshness run, stamped with the wall clock (see restamp). */
export interface PlannedEvent {
  /** When it is due to be put, epoch ms. */
  readonly collectorTimeMs: number;
  readonly eventTimeMs: number;
  /** Its enriched TSV line. */
  readonly line: string;
  readonly partitionKey: string;
  /** Its `domain_userid`, or null. */
  readonly user: string | null;
}

/** What the traffic of a freshness run puts, where, and when. */
export interface TrafficPlan {
  readonly kinesis: string;
  readonly featurestore: string;
  readonly region: string;
  readonly streamName: string;
  /** The first event's time and the end of the puts, epoch ms. */
  readonly startMs: number;
  readonly endMs: number;
  /** How long polling goes on after the last put, in ms. */
  readonly drainMs: number;
  readonly events: readonly PlannedEvent[];
  /**
   * Read the pending users with BatchGetRecord (up to 100 a call) instead of one GetRecord each:
   * the same online records at the same 50 ms pace, in a small fraction of the calls.
   * @default false
   */
  readonly batchPoll?: boolean;
}

/** One sampled PutRecords call: when it was sent, and when its newest event's user showed that event (or null). */
export interface TrafficSample {
  readonly putAtMs: number;
  readonly seenAtMs: number | null;
}

/** What {@link runFreshnessTraffic} saw. */
export interface TrafficOutcome {
  readonly samples: readonly TrafficSample[];
  readonly putBatches: number;
  readonly events: number;
  readonly getRecords: number;
  /** BatchGetRecord calls sent (with `batchPoll`). */
  readonly batchGetRecords: number;
  readonly pollRounds: number;
  /** From the start of polling to its end, in ms. */
  readonly pollMs: number;
  /** When polling stopped, epoch ms. */
  readonly endedMs: number;
  /** How late the first put went after `startMs`, in ms. */
  readonly startDelayMs: number;
}

/** How often the pending users' records are read. */
export const GET_RECORD_POLL_MS = 50;
/** GetRecord calls in flight at once. */
const POLL_CONCURRENCY = 16;
const FEATURE_GROUP = 'user_activity';
/** BatchGetRecord reads at most 100 records a call. */
const BATCH_GET_MAX = 100;

/** The newest event (by event time) of a put batch that has a user, or undefined. */
function newestUser(chunk: readonly PlannedEvent[]): { user: string; eventTimeMs: number } | undefined {
  let best: { user: string; eventTimeMs: number } | undefined;
  for (const e of chunk) {
    if (e.user !== null && e.user !== '' && (best === undefined || e.eventTimeMs > best.eventTimeMs)) best = { user: e.user, eventTimeMs: e.eventTimeMs };
  }
  return best;
}

/**
 * The producer and the GetRecord pollers of the features freshness run: puts each planned event
 * into the stream when it is due (gathered every 100 ms, PutRecords of at most 500), and for each
 * put batch reads its newest event's user with GetRecord (`user_activity`, `event_time` only)
 * every 50 ms, 16 calls in flight (or, with `batchPoll`, all pending users in BatchGetRecord calls
 * of 100), until the record's `event_time` is at or past that event's time. Polling goes on `drainMs` after the last put, or until every batch was seen.
 * `onPutsDone` is called once the last PutRecords call was acknowledged.
 *
 * @throws Error when a PutRecords call fails (see putEvents); a failed GetRecord is polled again.
 */
export async function runFreshnessTraffic(plan: TrafficPlan, onPutsDone: (events: number) => void = () => undefined): Promise<TrafficOutcome> {
  const kinesis = createLocalKinesisClient(plan.kinesis, plan.region);
  const featureStore = new SageMakerFeatureStoreRuntimeClient({ endpoint: plan.featurestore, region: plan.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const live = plan.events;
  await sleep(Math.max(0, plan.startMs - Date.now()));
  const startDelayMs = Math.max(0, Date.now() - plan.startMs);

  const samples: { readonly putAtMs: number; readonly user: string; readonly eventTimeMs: number; seenAtMs: number | null }[] = [];
  let putBatches = 0;
  let events = 0;
  let getRecords = 0;
  let batchGetRecords = 0;
  let pollRounds = 0;
  let sending = true;
  let at = 0;
  const sender = (async () => {
    try {
      while (Date.now() < plan.endMs) {
        const tick = Date.now();
        const due: PlannedEvent[] = [];
        while (at < live.length && live[at]!.collectorTimeMs <= tick) due.push(live[at++]!);
        for (let i = 0; i < due.length; i += PUT_RECORDS_MAX) {
          const chunk = due.slice(i, i + PUT_RECORDS_MAX);
          const putAtMs = Date.now();
          await putEvents(kinesis, plan.streamName, chunk.map((e) => ({ Data: Buffer.from(e.line), PartitionKey: e.partitionKey })));
          putBatches++;
          events += chunk.length;
          const newest = newestUser(chunk);
          if (newest !== undefined) samples.push({ putAtMs, ...newest, seenAtMs: null });
        }
        await sleep(Math.max(0, tick + PUT_TICK_MS - Date.now()));
      }
      onPutsDone(events);
    } finally {
      sending = false;
    }
  })();

  const check = async (sample: (typeof samples)[number]): Promise<void> => {
    getRecords++;
    const out = await featureStore.send(new GetRecordCommand({ FeatureGroupName: FEATURE_GROUP, RecordIdentifierValueAsString: sample.user, FeatureNames: ['event_time'] }), {
      abortSignal: AbortSignal.timeout(2_000),
    });
    const iso = out.Record?.find((f) => f.FeatureName === 'event_time')?.ValueAsString;
    if (iso !== undefined && Date.parse(iso) >= sample.eventTimeMs) sample.seenAtMs = Date.now();
  };
  /** One BatchGetRecord of up to 100 users; marks every pending sample of a user whose record shows its event. */
  const checkBatch = async (users: readonly string[], pending: readonly (typeof samples)[number][]): Promise<void> => {
    batchGetRecords++;
    const out = await featureStore.send(
      new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: FEATURE_GROUP, RecordIdentifiersValueAsString: [...users], FeatureNames: ['event_time'] }] }),
      { abortSignal: AbortSignal.timeout(2_000) },
    );
    const at = Date.now();
    const shown = new Map<string, number>();
    for (const r of out.Records ?? []) {
      const iso = r.Record?.find((f) => f.FeatureName === 'event_time')?.ValueAsString;
      if (r.RecordIdentifierValueAsString !== undefined && iso !== undefined) shown.set(r.RecordIdentifierValueAsString, Date.parse(iso));
    }
    for (const sample of pending) if ((shown.get(sample.user) ?? -Infinity) >= sample.eventTimeMs) sample.seenAtMs ??= at;
  };
  const poller = (async () => {
    const drainUntil = (): number => (sending ? Infinity : plan.endMs + plan.drainMs);
    while (Date.now() < drainUntil()) {
      const began = Date.now();
      const pending = samples.filter((s) => s.seenAtMs === null);
      if (!sending && pending.length === 0) break;
      if (plan.batchPoll === true) {
        const users = [...new Set(pending.map((s) => s.user))];
        const calls: Promise<void>[] = [];
        for (let i = 0; i < users.length; i += BATCH_GET_MAX) calls.push(checkBatch(users.slice(i, i + BATCH_GET_MAX), pending).catch(() => undefined));
        await Promise.all(calls);
      } else {
        let next = 0;
        const worker = async () => {
          while (next < pending.length) await check(pending[next++]!).catch(() => undefined);
        };
        await Promise.all(Array.from({ length: Math.min(POLL_CONCURRENCY, pending.length) }, worker));
      }
      pollRounds++;
      await sleep(Math.max(0, began + GET_RECORD_POLL_MS - Date.now()));
    }
  })();
  const pollBegan = Date.now();
  const [sent] = await Promise.allSettled([sender, poller]);
  const endedMs = Date.now();
  kinesis.destroy();
  featureStore.destroy();
  if (sent.status === 'rejected') throw sent.reason;
  return {
    samples: samples.map(({ putAtMs, seenAtMs }) => ({ putAtMs, seenAtMs })),
    putBatches,
    events,
    getRecords,
    batchGetRecords,
    pollRounds,
    pollMs: endedMs - pollBegan,
    endedMs,
    startDelayMs,
  };
}
