import { TargetStore } from './constants';
import { ValidationError } from './errors';
import type { ServedGroup } from './FeatureGroupCatalog';

/** The stores a write goes to. */
export interface Targets {
  readonly online: boolean;
  readonly offline: boolean;
}

/**
 * The stores a PutRecord or DeleteRecord writes to: those asked for, else every store the group
 * has. Asking for a store the group does not have is a ValidationError.
 */
export function resolveTargetStores(group: ServedGroup, requested: readonly TargetStore[] | undefined): Targets {
  const { onlineStore, offlineStore, name } = group.declaration;
  if (requested === undefined) return { online: onlineStore, offline: offlineStore };
  const online = requested.includes(TargetStore.OnlineStore);
  const offline = requested.includes(TargetStore.OfflineStore);
  if (online && !onlineStore) throw new ValidationError(`The FeatureGroup ${name} does not have an OnlineStore.`);
  if (offline && !offlineStore) throw new ValidationError(`The FeatureGroup ${name} does not have an OfflineStore.`);
  return { online, offline };
}
