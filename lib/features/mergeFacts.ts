import type { Fact } from './types';

/** The facts of a state merged with a batch's: per feature, the higher key (the later event) wins; `changed` when any did. */
export function mergeFacts(stored: Readonly<Record<string, Fact>>, batch: ReadonlyMap<string, Fact>): { facts: Record<string, Fact>; changed: boolean } {
  let facts: Record<string, Fact> | undefined;
  for (const [name, fact] of batch) {
    const held = (facts ?? stored)[name];
    if (held !== undefined && held.key >= fact.key) continue;
    facts ??= { ...stored };
    facts[name] = fact;
  }
  return facts === undefined ? { facts: { ...stored }, changed: false } : { facts, changed: true };
}
