/** Shared pieces of the report store and handler suites: a dynalite, tables, and fault injection on real clients. */
import { InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { startSuiteDb, type SuiteDb } from '../../helpers/dynalite';
import { REPORTS_TABLE } from '../../../stacks/config';

/** A dynalite in memory, with a fresh reports table per test. */
export type ReportsDb = SuiteDb;

/** Starts dynalite (in memory) for a suite. */
export const startReportsDb = (): Promise<ReportsDb> => startSuiteDb(REPORTS_TABLE, 'reports');

export { injectFault as injectFaults, type Fault as FaultRule, type Injection } from '../../helpers/faults';

/** DynamoDB's throttling error, as the SDK raises it. */
export const throttled = () => new ProvisionedThroughputExceededException({ message: 'The level of configured provisioned throughput for the table was exceeded (injected)', $metadata: { httpStatusCode: 400 } });

/** A 500 from DynamoDB, as the SDK raises it. */
export const internalError = () => new InternalServerError({ message: 'Internal server error (injected)', $metadata: { httpStatusCode: 500 } });

/** The process dying: not an AWS error, not retryable. */
export const crash = () => Object.assign(new Error('the process crashed (injected)'), { name: 'InjectedCrash' });

/** The key of an UpdateItem/GetItem input, as `pk/sk`. */
export const keyOf = (input: Record<string, unknown>): string => {
  const key = input.Key as { pk: { S: string }; sk: { S: string } };
  return `${key.pk.S}/${key.sk.S}`;
};

/** Retry options that do not wait. */
export const NO_WAIT = { baseDelayMs: 0, maxDelayMs: 0 } as const;
