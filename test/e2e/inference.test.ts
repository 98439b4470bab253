import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalInferenceHandler } from '../../handlers/inference';
import { generateEvents } from '../../lib/generator';
import { MODEL_INPUTS } from '../../lib/model';
import { apiKeyHeaders } from '../../local/http';
import { startHttpApi } from '../../local/http/startHttpApi';
import { inferenceApiRoutes } from '../../local/up/defaultRoutes';
import { sdkClientConfig, startStack, type LocalStack } from '../../local/up';
import { FIELD_INDEX } from '../../schemas/enriched-event';
import { PredictBatchResponseSchema, PredictResponseSchema } from '../../schemas/predict';
import { ENRICHED_STREAM } from '../../stacks/config';
import { readModelMetadata } from '../../stores/inference';
import { deadEndpoint } from '../handlers/inferenceHelpers';
import { eventually, FREE_PORTS, removeDir, tempDataDir } from '../local/up/helpers';

// The inference API over the real pipeline: generated events put into Kinesis, turned into online
// features by the feature handler, read by POST /predict on the local HTTP API, scored by the
// model the local SageMaker endpoint serves.

let stack: LocalStack;
let kinesis: KinesisClient;
let dataDir: string;

/** A POST to `base` (a server without a key), or to the stack's HTTP API with its key. */
const post = async (base: string | LocalStack['endpoints'], path: string, body: unknown) => {
  const endpoints: { readonly http: string; readonly apiKey?: string | undefined } = typeof base === 'string' ? { http: base } : base;
  const headers = { 'content-type': 'application/json', ...apiKeyHeaders(endpoints) };
  const response = await fetch(`${endpoints.http}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};
const predict = (body: unknown) => post(stack.endpoints, '/predict', body);

const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

async function put(records: PutRecordsRequestEntry[]): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    const out = await kinesis.send(new PutRecordsCommand({ StreamName: ENRICHED_STREAM.streamName, Records: records.slice(i, i + 500) }));
    expect(out.FailedRecordCount ?? 0).toBe(0);
  }
}

/** `count` copies of an add-to-cart event of the generated traffic, made the user's, now, each with its own event id. */
function addToCarts(template: string, user: string, count: number, seed: number): PutRecordsRequestEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const fields = template.split('\t');
    const now = stamp(Date.now() - 1000 + i);
    fields[FIELD_INDEX.domain_userid] = user;
    fields[FIELD_INDEX.event_id] = `00000000-0000-4000-8000-${String(seed * 1000 + i).padStart(12, '0')}`;
    for (const field of ['collector_tstamp', 'derived_tstamp', 'dvce_created_tstamp', 'dvce_sent_tstamp', 'etl_tstamp'] as const) fields[FIELD_INDEX[field]] = now;
    return { PartitionKey: user, Data: Buffer.from(fields.join('\t')) };
  });
}

let generated: ReturnType<typeof generateEvents> extends Iterable<infer T> ? T[] : never;
let user: string;

beforeAll(async () => {
  // deadlines far above any answer's time (the machine may be loaded); the deadline tests are in test/handlers
  process.env.PREDICT_DEADLINE_MS = '10000';
  process.env.FEATURE_STORE_TIMEOUT_MS = '5000';
  dataDir = await tempDataDir();
  stack = await startStack({ dataDir, ports: FREE_PORTS });
  kinesis = new KinesisClient(sdkClientConfig(stack.endpoints, 'kinesis'));
  const now = Date.now();
  generated = [...generateEvents({ events: 600, seed: 11, start: now - 10 * 60_000 })].filter((g) => g.collectorTimeMs <= now);
  await put(generated.map((g) => ({ PartitionKey: g.event.domain_userid!, Data: Buffer.from(g.line) })));
  // the most active user of the traffic
  const counts = new Map<string, number>();
  for (const g of generated) counts.set(g.event.domain_userid!, (counts.get(g.event.domain_userid!) ?? 0) + 1);
  user = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  await eventually(async () => ((await predict({ domain_userid: user })).body.defaulted_features?.includes('events_1h') === false ? true : undefined), 45_000, 'the user\'s features to reach the online store');
}, 120_000);

afterAll(async () => {
  delete process.env.PREDICT_DEADLINE_MS;
  delete process.env.FEATURE_STORE_TIMEOUT_MS;
  kinesis?.destroy();
  await stack?.close();
  await removeDir(dataDir);
});

describe('POST /predict on the local stack', () => {
  it('scores a user of the generated traffic from their streamed features, and the score moves with their behaviour', async () => {
    const before = await predict({ domain_userid: user });
    expect(before.status).toBe(200);
    expect(before.body.score).toBeGreaterThanOrEqual(0);
    expect(before.body.score).toBeLessThanOrEqual(1);
    const metadata = readModelMetadata('model/propensity');
    expect(before.body.model_version).toBe(metadata?.version ?? 'placeholder-1');
    expect(before.body.features.events_1h).toBe(generated.filter((g) => g.event.domain_userid === user && g.eventTimeMs > Date.now() - 3_600_000).length);
    expect(before.body.degraded).toBe(false);
    expect(PredictResponseSchema.parse(before.body)).toEqual(before.body); // the documented shape, nothing more

    // WHEN the user adds five products to the cart
    const template = generated.find((g) => g.event.se_action === 'add-to-cart')!.line;
    await put(addToCarts(template, user, 5, 7));
    const after = await eventually(async () => {
      const answer = await predict({ domain_userid: user });
      return answer.body.features.add_to_carts_1h >= (before.body.features.add_to_carts_1h as number) + 5 ? answer : undefined;
    }, 45_000, 'the add-to-carts to reach the online store');
    // THEN the features and the model's score move
    expect(after.body.features.last_event_name).toBe('event');
    expect(after.body.score).not.toBe(before.body.score);
    expect(after.body.score).toBeGreaterThanOrEqual(0);
    expect(after.body.score).toBeLessThanOrEqual(1);
  });

  it('answers an unknown user with every default, listed', async () => {
    const { status, body } = await predict({ domain_userid: 'never-seen-user' });
    expect(status).toBe(200);
    expect(body.defaulted_features).toEqual(MODEL_INPUTS.filter((i) => !i.name.startsWith('product_')).map((i) => i.name));
    expect(body.score).toBeGreaterThanOrEqual(0);
  });

  it('answers 400 naming every problem of a bad request', async () => {
    const { status, body } = await predict({ user: 'x', context: { colour: 1 } });
    expect(status).toBe(400);
    expect(body.problems).toEqual([expect.stringMatching(/^domain_userid: /), expect.stringMatching(/^context\.colour: /), 'user: is not a known field']);
    expect((await predict('not json')).status).toBe(400);
  });

  it('answers a batch in one call, each user as /predict would', async () => {
    const users = [...new Set(generated.map((g) => g.event.domain_userid!))].slice(0, 20);
    const { status, body } = await post(stack.endpoints, '/predict/batch', { requests: users.map((domain_userid) => ({ domain_userid })) });
    expect(status).toBe(200);
    expect(body.predictions).toHaveLength(users.length);
    expect(PredictBatchResponseSchema.parse(body)).toEqual(body);
    const single = await predict({ domain_userid: users[3] });
    expect(body.predictions[3].domain_userid).toBe(users[3]);
    // the same features but the age, which grows between the two calls
    expect({ ...body.predictions[3].features, user_event_age_s: 0 }).toEqual({ ...single.body.features, user_event_age_s: 0 });
  });

  it('degrades clearly when the Feature Store or the endpoint is down, through the same HTTP API', async () => {
    const dead = await deadEndpoint();
    const region = stack.endpoints.region;
    const noStore = createLocalInferenceHandler({ featurestore: dead, sagemaker: stack.endpoints.sagemaker, region, modelVersion: 'v' });
    const noModel = createLocalInferenceHandler({ featurestore: stack.endpoints.featurestore, sagemaker: dead, region, modelVersion: 'v' });
    const [a, b] = await Promise.all([startHttpApi({ routes: inferenceApiRoutes(noStore), health: () => ({ ready: true, services: [] }) }), startHttpApi({ routes: inferenceApiRoutes(noModel), health: () => ({ ready: true, services: [] }) })]);
    try {
      const storeDown = await post(a.endpoint, '/predict', { domain_userid: user });
      expect(storeDown.status).toBe(200);
      expect(storeDown.body).toMatchObject({ degraded: true, degraded_reasons: [{ code: 'feature_store_error' }] });
      expect(storeDown.body.defaulted_features).toContain('events_1h');
      const modelDown = await post(b.endpoint, '/predict', { domain_userid: user });
      expect(modelDown.status).toBe(503);
      expect(modelDown.body).toMatchObject({ score: null, degraded: true, degraded_reasons: [{ code: 'endpoint_error' }] });
      expect(modelDown.body.features.events_1h).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
