import { PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { Agent } from 'node:http';
import os from 'node:os';
import { SDK_CLIENT_DEFAULTS } from '../handlers/shared/sdkClientDefaults';
import { forEachConcurrently } from '../lib/features';
import { startServiceThread, threadCpuMicros } from '../local/up/threads';
import { USER_ACTIVITY } from '../schemas/feature-groups';
import { keepAliveRequest } from './keepAliveRequest';
import { median } from './measure';
import { parseNumberFlags, type Rule } from './reports/options';

const RULES = {
  calls: { flag: 'calls', fallback: '5000', min: 100, max: 1_000_000, integer: true },
  inFlight: { flag: 'in-flight', fallback: '32', min: 1, max: 256, integer: true },
  rounds: { flag: 'rounds', fallback: '3', min: 1, max: 50, integer: true },
} as const satisfies Record<string, Rule>;

type FeatureRecord = { FeatureName: string; ValueAsString: string }[];

/** One way of sending a PutRecord: resolves when the Feature Store has answered 200. */
type Send = (group: string, record: FeatureRecord) => Promise<void>;

/** A user_activity record as the feature handler writes one: every feature, plausible values. */
function userRecord(id: string): FeatureRecord {
  const eventTime = new Date().toISOString();
  return USER_ACTIVITY.features.map((f) => ({
    FeatureName: f.name,
    ValueAsString: f.name === USER_ACTIVITY.recordIdentifierFeatureName ? id : f.name === USER_ACTIVITY.eventTimeFeatureName ? eventTime : f.type === 'String' ? 'Computer' : f.type === 'Fractional' ? '12.5' : '3',
  }));
}

/** The peer: the same PUT, body and headers an SDK client sends, over Node's http with keep-alive, signed with a fixed header. */
function rawSender(endpoint: string): { send: Send; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  const authorization = 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=0';
  const send: Send = async (group, record) => {
    const url = new URL(`/FeatureGroup/${encodeURIComponent(group)}`, endpoint);
    const { status, text } = await keepAliveRequest(agent, url, 'PUT', JSON.stringify({ Record: record }), { authorization });
    if (status !== 200) throw new Error(`PutRecord over http: ${status} ${text}`);
  };
  return { send, close: () => agent.destroy() };
}

function sdkSender(endpoint: string, cached: boolean): { send: Send; close(): void } {
  const client = new SageMakerFeatureStoreRuntimeClient({
    ...(cached ? SDK_CLIENT_DEFAULTS : {}),
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    send: async (group, record) => {
      await client.send(new PutRecordCommand({ FeatureGroupName: group, Record: record }));
    },
    close: () => client.destroy(),
  };
}

/** `calls` PutRecords, `inFlight` at once, distinct users; calls a second and this thread's CPU a call. */
async function measure(send: Send, calls: number, inFlight: number, prefix: string): Promise<{ callsPerSecond: number; cpuMicrosPerCall: number }> {
  const cpu0 = threadCpuMicros() ?? process.cpuUsage().user;
  const t0 = performance.now();
  await forEachConcurrently(Array.from({ length: calls }, (_, n) => n), inFlight, (n) => send(USER_ACTIVITY.name, userRecord(`${prefix}-${n}`)));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = (threadCpuMicros() ?? process.cpuUsage().user) - cpu0;
  return { callsPerSecond: Math.round(calls / seconds), cpuMicrosPerCall: Math.round(cpu / calls) };
}

/**
 * `npm run bench -- sdk [--calls 5000] [--in-flight 32] [--rounds 3]`: what one small AWS SDK v3
 * request costs its caller, the request every event of the enriched stream brings (the feature
 * consumer's `PutRecord` of a `user_activity` record). The local Feature Store runs in a worker
 * thread (in memory, no offline store); the callers in the main thread, whose own CPU
 * (`/proc/thread-self/stat`) is measured, so the service's work is not counted. Three callers on
 * the same records, interleaved in each round after a warm-up round: the SDK client as built by
 * default, the SDK client with `SDK_CLIENT_DEFAULTS`, and the peer, the same PUT with the same
 * JSON body over Node's `http` with keep-alive (no SDK). Medians over the rounds, and ratios.
 */
export async function benchSdk(args: readonly string[]): Promise<unknown> {
  const options = parseNumberFlags(args, RULES);
  const service = await startServiceThread('featurestore', { port: 0, featureGroups: [USER_ACTIVITY] }, (error) => {
    throw error;
  });
  const callers = {
    sdk: sdkSender(service.endpoint, false),
    sdkWithDefaults: sdkSender(service.endpoint, true),
    http: rawSender(service.endpoint),
  };
  const results: Record<keyof typeof callers, { callsPerSecond: number; cpuMicrosPerCall: number }[]> = { sdk: [], sdkWithDefaults: [], http: [] };
  try {
    for (let round = 0; round <= options.rounds; round++) {
      for (const [name, caller] of Object.entries(callers) as [keyof typeof callers, { send: Send }][]) {
        const r = await measure(caller.send, round === 0 ? Math.min(options.calls, 1_000) : options.calls, options.inFlight, `${name}-${round}`);
        if (round > 0) results[name].push(r);
        process.stderr.write(`sdk: round ${round}${round === 0 ? ' (warm-up)' : ''} ${name}: ${r.callsPerSecond} calls/s, ${r.cpuMicrosPerCall} µs a call\n`);
      }
    }
  } finally {
    for (const caller of Object.values(callers)) caller.close();
    await service.close();
  }
  const summarise = (rs: readonly { callsPerSecond: number; cpuMicrosPerCall: number }[]) => ({
    callsPerSecond: median(rs.map((r) => r.callsPerSecond)),
    cpuMicrosPerCall: median(rs.map((r) => r.cpuMicrosPerCall)),
    rounds: rs,
  });
  const summary = { sdk: summarise(results.sdk), sdkWithDefaults: summarise(results.sdkWithDefaults), http: summarise(results.http) };
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  return {
    benchmark: 'sdk',
    request: `PutRecord of a ${USER_ACTIVITY.name} record (${USER_ACTIVITY.features.length} features) to the local Feature Store`,
    ...options,
    callers: summary,
    ratios: {
      sdkToHttpCpu: ratio(summary.sdk.cpuMicrosPerCall, summary.http.cpuMicrosPerCall),
      sdkWithDefaultsToHttpCpu: ratio(summary.sdkWithDefaults.cpuMicrosPerCall, summary.http.cpuMicrosPerCall),
      sdkWithDefaultsToSdkCpu: ratio(summary.sdkWithDefaults.cpuMicrosPerCall, summary.sdk.cpuMicrosPerCall),
    },
    node: process.version,
    cores: os.cpus().length,
    loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
  };
}
