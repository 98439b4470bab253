/** Types of `snowline up`. */
import type { FeatureGroupDeclaration } from '../../schemas/feature-group-declaration';
import type { EventSourceSettings, StreamDefinition, TableDefinition } from '../../stacks/config';
import type { KinesisBatchHandler, MappingStats } from '../esm/types';
import type { Route } from '../http/types';
import type { StaleOutcome } from '../postgres/stopStalePostgres';
import type { PortName } from './constants';
import type { Endpoints } from './endpointsSchema';
import type { ServicePorts } from './resolvePorts';

/** A consumer's handler: a Lambda handler for Kinesis, with a `close()` where it holds something to write or release. */
export type ConsumerHandler = KinesisBatchHandler & { close?: () => Promise<void> };

/** A Lambda function fed by a stream, run locally by the event source mapping runner. */
export interface ConsumerDefinition {
  /** The mapping's name (a folder under `<dataDir>/esm/`), e.g. `validate-enriched`. */
  readonly name: string;
  /** The stream it reads. */
  readonly streamName: string;
  /** The same settings the CDK gives the real mapping. */
  readonly settings: EventSourceSettings;
  /**
   * Builds the handler once the stack's endpoints are known. A handler with a `close()` (the
   * events archiver, which writes what it has staged) has it called after its mapping stops.
   */
  readonly createHandler: (endpoints: Endpoints) => ConsumerHandler | Promise<ConsumerHandler>;
}

/** The CPU (user + system) one thread of the stack has used so far. */
export interface ThreadCpu {
  /** `stack` (the thread that started it: HTTP API, SageMaker runtime, replicator, merger), a service (`kinesis`, `dynamodb`, `featurestore`) or `consumer <name>`. */
  readonly name: string;
  readonly cpuMicros: number;
}

/** Options of {@link startStack}. */
export interface StartStackOptions {
  /** Where every service keeps its data, and where `endpoints.json` goes. @default '.snowline' */
  readonly dataDir?: string;
  /** Start empty: remove what the stack keeps in the data dir first. @default false */
  readonly fresh?: boolean;
  /** The host every service listens on. @default '127.0.0.1' */
  readonly host?: string;
  /** Ports by service; 0 picks a free port. @default - see SERVICE_PORTS */
  readonly ports?: Partial<Record<PortName, number>>;
  /** @default STREAMS */
  readonly streams?: readonly StreamDefinition[];
  /** @default TABLES */
  readonly tables?: readonly TableDefinition[];
  /** @default FEATURE_GROUPS */
  readonly featureGroups?: readonly FeatureGroupDeclaration[];
  /** Functions fed by streams. @default DEFAULT_CONSUMERS */
  readonly consumers?: readonly ConsumerDefinition[];
  /**
   * Run kinesalite, dynalite, the Feature Store and each consumer of DEFAULT_CONSUMERS in a worker
   * thread of its own, so they use every core (consumer definitions a caller builds always run in
   * the stack's thread: their handlers cannot cross threads). With false, all of it shares the
   * stack's one thread. @default true
   */
  readonly threads?: boolean;
  /** Routes of the HTTP API. @default DEFAULT_ROUTES */
  readonly routes?: readonly Route[];
  /** A directory the HTTP server serves outside `/api` (the dashboard). @default - none */
  readonly staticDir?: string;
  /**
   * Require the API key on the HTTP API's `/api/*` and `/predict*` (generated once into
   * `<data-dir>/api-key`, written to `endpoints.json` as `apiKey`); false serves them to anyone
   * who reaches the port, as `snowline up --no-api-key` does. @default true (REQUIRE_LOCAL_API_KEY)
   */
  readonly requireApiKey?: boolean;
  /** Also run the shop's database traffic (the workload the replicator turns into CDC files), as `--demo` does. @default false */
  readonly demo?: boolean;
  /** Progress lines (one service started, one stopped). @default - silent */
  readonly log?: (line: string) => void;
}

/** How one service's start or stop went. */
export interface ServiceTiming {
  readonly name: string;
  /** Milliseconds it took. */
  readonly ms: number;
  /** Why it failed, when it did. */
  readonly error?: string;
}

/** A running local stack. */
export interface LocalStack {
  /** What `endpoints.json` says. */
  readonly endpoints: Endpoints;
  /** Where `endpoints.json` is. */
  readonly endpointsFile: string;
  /** The data dir, absolute. */
  readonly dataDir: string;
  /** The ports in use. */
  readonly ports: ServicePorts;
  /** From the call to every service being ready, in ms. */
  readonly startupMs: number;
  /** Each service's start. */
  readonly started: readonly ServiceTiming[];
  /** What PostgreSQL found of the previous run, whether it ran initdb, and how long that took. */
  readonly postgres: { readonly previousRun: StaleOutcome; readonly initialised: boolean; readonly initdbMs: number; readonly logFile: string };
  /** The streams, tables and feature groups created (or found). */
  readonly resources: { readonly streams: readonly StreamDefinition[]; readonly tables: readonly TableDefinition[]; readonly featureGroups: readonly string[] };
  /** The local lake (the lake bucket) and the replication slot its DMS files come from. @default - none (a stack without the replicator) */
  readonly lake?: { readonly dir: string; readonly replicationSlot: string };
  /** The model the local SageMaker endpoint serves: the published artifact, else the placeholder. @default - not reported */
  readonly model?: { readonly name: string; readonly version: string };
  /** Progress of each consumer. */
  consumerStats(): MappingStats[];
  /** The CPU each thread has used so far (`stack`, then the services' and consumers' threads); empty without /proc. Also in `GET /api/health` as `threads`. */
  threadCpu(): ThreadCpu[];
  /**
   * Stops everything in order (consumers, HTTP, Feature Store with its offline flush, SageMaker,
   * dynalite, kinesalite, PostgreSQL), removes `endpoints.json` and releases the data dir. Goes on
   * past a service that fails to stop; safe to call twice.
   */
  close(): Promise<readonly ServiceTiming[]>;
}
