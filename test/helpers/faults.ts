/** A fault to inject into a real SDK client's requests (outside the SDK's own retries). */
export interface Fault {
  /** The command, e.g. `UpdateItemCommand`. */
  readonly command: string;
  /** Only requests this input matches. @default all */
  readonly when?: (input: Record<string, unknown>) => boolean;
  /** Matching requests let through before the faults start. @default 0 */
  readonly skip?: number;
  /** How many faults to inject. @default Infinity */
  readonly times?: number;
  /** `before`: the request is never sent; `after`: it is applied and then its response is lost. */
  readonly phase: 'before' | 'after';
  /** The error to throw. */
  readonly error: () => Error;
}

/** What an injected fault did. */
export interface Injection {
  /** Faults injected so far. */
  readonly injected: number;
  /** Matching requests seen so far. */
  readonly seen: number;
  remove(): void;
}

/** Any AWS SDK v3 client: all that fault injection needs is its middleware stack. */
export interface MiddlewareClient {
  readonly middlewareStack: { add: Function; remove: (name: string) => boolean };
}

let injections = 0;

/**
 * Injects faults with a middleware on a REAL SDK client (outside the SDK's own retries): nothing
 * is stubbed, every request that is let through goes to the local service and is applied.
 */
export function injectFault(client: MiddlewareClient, fault: Fault): Injection {
  const name = `snowlineFault${++injections}`;
  const state = { injected: 0, seen: 0 };
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
      if (context.commandName !== fault.command || (fault.when !== undefined && !fault.when(args.input))) return next(args);
      state.seen++;
      if (state.seen <= (fault.skip ?? 0) || state.injected >= (fault.times ?? Infinity)) return next(args);
      state.injected++;
      if (fault.phase === 'before') throw fault.error();
      await next(args);
      throw fault.error();
    },
    { step: 'initialize', name },
  );
  return {
    get injected() {
      return state.injected;
    },
    get seen() {
      return state.seen;
    },
    remove: () => void client.middlewareStack.remove(name),
  };
}
