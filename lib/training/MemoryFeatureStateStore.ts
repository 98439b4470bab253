import type { EntityState, FeatureStateStore, StateWrite } from '../features';

const EMPTY: EntityState = Object.freeze({ version: 0, entries: new Map<string, string>(), facts: {} });

/**
 * The feature handler's window state held in memory, with the DynamoDB store's semantics (one
 * versioned state per entity, conditional writes under optimistic locking), so `snowline train`
 * runs the handler's own feature computation (processFeatureBatch) over generated events
 * in-process. Nothing expires: a training run is short.
 */
export class MemoryFeatureStateStore implements FeatureStateStore {
  private readonly states = new Map<string, EntityState>();

  async readEntities(entityKeys: readonly string[]): Promise<Map<string, EntityState>> {
    return new Map(entityKeys.map((key) => [key, this.states.get(key) ?? EMPTY]));
  }

  async readVersions(entityKeys: readonly string[]): Promise<Map<string, number>> {
    return new Map(entityKeys.map((key) => [key, this.states.get(key)?.version ?? 0]));
  }

  async writeOwned(writes: readonly StateWrite[]): Promise<Map<string, Error>> {
    for (const write of writes) this.states.set(write.entityKey, write.state);
    return new Map();
  }

  async writeConditional(write: StateWrite): Promise<boolean> {
    if ((this.states.get(write.entityKey)?.version ?? 0) !== write.expectedVersion) return false;
    this.states.set(write.entityKey, write.state);
    return true;
  }
}
