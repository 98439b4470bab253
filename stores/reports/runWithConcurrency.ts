/**
 * Runs tasks with at most `limit` in flight, and resolves when all have settled. A task that
 * rejects rejects the whole (tasks are expected to report their own failures).
 */
export async function runWithConcurrency(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
