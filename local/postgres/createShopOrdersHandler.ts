import type { KinesisStreamEvent } from 'aws-lambda';
import pg from 'pg';
import { buildCatalog } from '../../lib/generator';
import { ordersFromEvents, type TransactionEventFields } from '../../lib/shop';
import { parseEnrichedEvent } from '../../lib/snowplow';
import { readKinesisRecord } from '../../handlers/shared/readKinesisRecord';
import type { KinesisBatchHandler } from '../esm/types';
import { applyShopTransaction } from './applyShopTransaction';

/** Options of {@link createShopOrdersHandler}. */
export interface ShopOrdersHandlerOptions {
  /** The shop database (`pg` connection string). */
  readonly endpoint: string;
  /** Where a line per batch with orders goes. @default - silent */
  readonly log?: (line: string) => void;
}

/** A Kinesis handler holding a database connection, closed when the stack stops. */
export type ShopOrdersHandler = KinesisBatchHandler & { close(): Promise<void> };

/**
 * The demo shop's backend, locally: reads the enriched stream and writes, for each purchase of a
 * logged-in customer, the order and its lines into the shop database with the events' order id
 * (see `ordersFromEvents`), so the lake can join the transaction events to orders. Lines that do
 * not parse are left to the other consumers; a batch that fails to write is thrown and retried
 * by the event source mapping, and rows already written are skipped on the retry.
 */
export function createShopOrdersHandler(options: ShopOrdersHandlerOptions): ShopOrdersHandler {
  const catalog = buildCatalog();
  const customers = new Set(catalog.customers.map((c) => c.id));
  const skus = new Set(catalog.products.map((p) => p.sku));
  const log = options.log ?? (() => undefined);
  let client: Promise<pg.Client> | undefined;
  const connect = (): Promise<pg.Client> =>
    (client ??= (async () => {
      const c = new pg.Client({ connectionString: options.endpoint, connectionTimeoutMillis: 5_000 });
      c.on('error', () => {
        client = undefined;
      });
      await c.connect();
      return c;
    })().catch((error: unknown) => {
      client = undefined;
      throw error;
    }));
  const handler = async (event: KinesisStreamEvent): Promise<void> => {
    const events: TransactionEventFields[] = [];
    for (const record of event.Records) {
      for (const e of readKinesisRecord(record, parseEnrichedEvent, () => new Date()).events) {
        if (e.event_name === 'transaction' || e.event_name === 'transaction_item') events.push(e);
      }
    }
    if (events.length === 0) return;
    const { transactions } = ordersFromEvents(events, customers, skus);
    if (transactions.length === 0) return;
    const c = await connect();
    for (const tx of transactions) await applyShopTransaction(c, tx);
    log(`shop orders: ${transactions.length} order(s) from transaction events`);
  };
  return Object.assign(handler, {
    close: async () => {
      const c = await client?.catch(() => undefined);
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  });
}
