/**
 * The child process of the reports benchmark: dynalite and kinesalite (in memory, with the
 * bad-rows stream), so that their CPU is not counted as the handler's. Prints one JSON line,
 * `{"dynamodb": URL, "kinesis": URL}`, once both listen; stops when its stdin closes (the parent
 * ended, even abruptly) or on SIGTERM / SIGINT.
 *
 * Run as `node --import tsx bench/reports/servicesChild.ts`; see {@link startServicesChild}.
 */
import { startDynamoDb } from '../../local/dynamodb';
import { startKinesis } from '../../local/kinesis';
import { BAD_ROWS_STREAM } from '../../stacks/config';

const [dynamodb, kinesis] = await Promise.all([startDynamoDb(), startKinesis({ streams: [BAD_ROWS_STREAM] })]);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  // Bounded: a service that does not close in 5 s is left to the process exit.
  const timeout = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
  await Promise.race([Promise.allSettled([dynamodb.close(), kinesis.close()]), timeout]);
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

process.stdout.write(`${JSON.stringify({ dynamodb: dynamodb.endpoint, kinesis: kinesis.endpoint })}\n`);
