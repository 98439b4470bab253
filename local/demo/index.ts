export { startDemoTraffic } from './startDemoTraffic';
export { calibrateSessions } from './calibrateSessions';
export * from './errors';
export type * from './types';
