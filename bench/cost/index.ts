export { DEFAULT_ASSUMPTIONS, HOURS_PER_MONTH, LAMBDA_MB_PER_VCPU, MEASURED, PRICE_REGION, PRICES, PRICES_READ_ON } from './constants';
export { CostInputError } from './errors';
export { type CostInputs, estimateCost } from './estimateCost';
export type { CostAssumptions, CostEstimate, CostLine, MeasuredFigures, Price, PriceProvenance } from './types';
