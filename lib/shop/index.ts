export { ordersFromEvents, type OrdersFromEvents, type TransactionEventFields } from './ordersFromEvents';
export { FREE_SHIPPING_CENTS, SHIPPING_CENTS, orderTotals } from './orderTotals';
export { PG_TYPE_NAMES, PG_TYPES } from './pgTypes';
export { SEED_STOCK, SEED_UPDATED_AT, shopSeedRows } from './seedRows';
export { createTableSql, quoteIdent, shopDdl } from './shopDdl';
export { ORDER_STATUSES, ShopWorkload, type ShopWorkloadOptions, type WorkloadStepKind } from './ShopWorkload';
export { NOW } from './types';
export type { Increment, Now, ShopSeed, ShopStatement, ShopTransaction, ShopValue } from './types';
