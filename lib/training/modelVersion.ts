import { createHash } from 'node:crypto';
import { MODEL_NAME } from './constants';

/**
 * A model's version: `<name>-<UTC time, yyyyMMddTHHmmssZ>-<first 7 hex of the SHA-256 of model.json>`,
 * so two different models never share a version and the version sorts by training time.
 *
 * @example
 * ```ts
 * modelVersion('{"learner":...}', Date.parse('2026-11-22T05:30:00Z')); // 'propensity-xgb-20261122T053000Z-3f2a9c1'
 * ```
 */
export function modelVersion(modelJson: string | Uint8Array, trainedAtMs: number, name = MODEL_NAME): string {
  const stamp = new Date(trainedAtMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${name}-${stamp}-${createHash('sha256').update(modelJson).digest('hex').slice(0, 7)}`;
}
