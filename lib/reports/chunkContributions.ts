import { MAX_DIMENSIONS_PER_UPDATE } from './constants';
import type { Contribution } from './types';

/** Consecutive contributions to one item, merged into one conditional update. */
export interface UpdateChunk {
  /** The position of its first contribution: the item's mark must be below it. */
  readonly lowestPosition: string;
  /** The position of its last contribution: the item's new mark. */
  readonly highestPosition: string;
  /** The amounts to add, by dimension value. */
  readonly deltas: ReadonlyMap<string, number>;
  /** How many contributions it merges. */
  readonly contributions: number;
}

/**
 * Merges contributions (in position order) into as few updates as keep at most `maxDimensions`
 * dimension values each; usually one. A chunk always covers whole contributions, so the item's
 * mark moves from one contribution boundary to another.
 *
 * @example
 * chunkContributions(plan.contributions).length; // 1 for a typical item
 */
export function chunkContributions(contributions: readonly Contribution[], maxDimensions = MAX_DIMENSIONS_PER_UPDATE): UpdateChunk[] {
  const chunks: UpdateChunk[] = [];
  let deltas = new Map<string, number>();
  let first: Contribution | undefined;
  let last: Contribution | undefined;
  let count = 0;
  const flush = () => {
    if (first === undefined || last === undefined) return;
    chunks.push({ lowestPosition: first.position, highestPosition: last.position, deltas, contributions: count });
    deltas = new Map();
    first = last = undefined;
    count = 0;
  };
  for (const c of contributions) {
    let added = 0;
    for (const d of c.deltas.keys()) if (!deltas.has(d)) added++;
    if (first !== undefined && deltas.size + added > maxDimensions) flush();
    first ??= c;
    last = c;
    count++;
    for (const [d, amount] of c.deltas) deltas.set(d, (deltas.get(d) ?? 0) + amount);
  }
  flush();
  return chunks;
}
