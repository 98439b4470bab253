import type { PseudonymisationKeyProvider } from './types';

/**
 * A key provider that loads its key once and gives the same promise to every caller; a load
 * that fails is forgotten, so the next call tries again.
 */
export abstract class CachedKeyProvider implements PseudonymisationKeyProvider {
  private key: Promise<string> | undefined;

  getKey(): Promise<string> {
    this.key ??= this.load().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  /** Reads and checks the key. */
  protected abstract load(): Promise<string>;
}
