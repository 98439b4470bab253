/**
 * Runs `work` on every item with at most `limit` in flight at once (a promise pool), so the
 * network waits of a batch's requests overlap. `work` must not throw: it records its own failure.
 *
 * @example
 * await forEachConcurrently(plans, 32, async (plan) => { await writer.putRecord(...); });
 */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
