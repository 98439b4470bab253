export { runSoak } from './runSoak';
export { parseSoakOptions, SOAK_USAGE } from './options';
export { formatSoakTable } from './formatSoakTable';
export { slimEvent } from './slimEvent';
export type * from './types';
