import type { StoredSketch } from './writeSketchItem';

/**
 * The sketches this store last wrote or read, by item, so that the next batch of the same window
 * merges without reading first. A stale entry only costs a failed conditional write and a read.
 * Bounded: the least recently used entry goes first.
 */
export class SketchCache {
  private readonly entries = new Map<string, StoredSketch>();

  /** @param capacity Entries kept (a dense sketch is 16 KiB). */
  constructor(private readonly capacity: number) {}

  /** The entry, marked as recently used. */
  get(id: string): StoredSketch | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  /** Stores an entry, evicting the least recently used beyond capacity. */
  set(id: string, entry: StoredSketch): void {
    if (this.capacity === 0) return;
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets an entry. */
  delete(id: string): void {
    this.entries.delete(id);
  }
}
