/** Types of the local DynamoDB service. */
import type { TableDefinition } from '../../stacks/config';
import type { LocalService, LocalServiceOptions } from '../service';

/** Options of {@link startDynamoDb}: the common local service options plus dynalite's latencies. */
export interface StartDynamoDbOptions extends LocalServiceOptions {
  /** Simulated CreateTable latency (dynalite's `createTableMs`). @default 0 */
  readonly createTableMs?: number;
  /** Simulated DeleteTable latency. @default 0 */
  readonly deleteTableMs?: number;
  /** Simulated UpdateTable latency. @default 0 */
  readonly updateTableMs?: number;
  /** Tables to create (idempotently) once the server listens. @default - none */
  readonly tables?: readonly TableDefinition[];
  /** Region the helper's own client signs for. @default 'us-east-1' */
  readonly region?: string;
}

/** A running dynalite. */
export interface DynamoDbService extends LocalService {
  /** Always `'dynamodb'`. */
  readonly name: 'dynamodb';
  /** The port it listens on (useful when 0 was asked for). */
  readonly port: number;
  /** The LevelDB directory, or undefined when in memory. */
  readonly path: string | undefined;
}

/** Options of {@link createTables}. */
export interface CreateTablesOptions {
  /** How long to wait for each table to become ACTIVE. @default 10000 */
  readonly timeoutMs?: number;
  /** How often to poll DescribeTable while waiting. @default 20 */
  readonly pollIntervalMs?: number;
}
