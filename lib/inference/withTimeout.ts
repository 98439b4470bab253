import { DependencyTimeoutError } from './errors';

/**
 * Runs `call` with an AbortSignal that aborts after `timeoutMs`, and settles no later than that
 * even if the call ignores its signal: a slow dependency costs at most its timeout, never a hang.
 *
 * @throws DependencyTimeoutError naming `what` when the time runs out (also for `timeoutMs` ≤ 0).
 * @example
 * ```ts
 * const records = await withTimeout('the Feature Store', 100, (signal) => reader.read(keys, signal));
 * ```
 */
export function withTimeout<T>(what: string, timeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const budget = Math.floor(timeoutMs);
  if (budget <= 0) return Promise.reject(new DependencyTimeoutError(what, Math.max(0, budget)));
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new DependencyTimeoutError(what, budget);
      controller.abort(error);
      reject(error);
    }, budget);
    call(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(controller.signal.aborted ? controller.signal.reason : error);
      },
    );
  });
}
