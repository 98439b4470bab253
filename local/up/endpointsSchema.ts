import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });
const names = z.record(z.string(), z.string().min(1));

/**
 * `<data-dir>/endpoints.json`: where each service of the running local stack listens, and the
 * names of what it created, keyed by a short camel-case name (see {@link logicalKey}).
 *
 * @example
 * {
 *   "kinesis": "http://127.0.0.1:4567", "dynamodb": "http://127.0.0.1:4568",
 *   "featurestore": "http://127.0.0.1:4569", "sagemaker": "http://127.0.0.1:4570",
 *   "modelServer": "http://127.0.0.1:4571",
 *   "postgres": "postgres://postgres:secret@127.0.0.1:5433/snowline", "http": "http://127.0.0.1:3000",
 *   "streams": { "enriched": "snowline-enriched", "badRows": "snowline-bad-rows" },
 *   "tables": {}, "featureGroups": { "userActivity": "user_activity", "productActivity": "product_activity" },
 *   "sagemakerEndpoints": { "propensity": "snowline-propensity" },
 *   "region": "us-east-1", "dataDir": "/home/me/snowline/.snowline", "pid": 4242,
 *   "startedAt": "2026-11-22T10:00:00.000Z"
 * }
 */
export const EndpointsSchema = z.object({
  kinesis: url,
  dynamodb: url,
  featurestore: url,
  sagemaker: url,
  modelServer: url,
  postgres: z.string().regex(/^postgres:\/\/[^@]+@[^/]+\/\w+$/, 'must be a postgres:// connection string'),
  http: url,
  /** The key the HTTP API requires (`x-api-key`), unless the stack was started without one (`--no-api-key`). @default - none: no key */
  apiKey: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'must be 32-128 characters of A-Z, a-z, 0-9, "_" and "-"').optional(),
  streams: names,
  tables: names,
  featureGroups: names,
  sagemakerEndpoints: names,
  region: z.string().min(1),
  dataDir: z.string().min(1),
  /** The `snowline up` process serving them. */
  pid: z.number().int().positive(),
  startedAt: z.iso.datetime(),
});

/** The contents of `endpoints.json`. */
export type Endpoints = z.infer<typeof EndpointsSchema>;

/** The services an AWS SDK client can be pointed at. */
export type AwsServiceName = 'kinesis' | 'dynamodb' | 'featurestore' | 'sagemaker';
