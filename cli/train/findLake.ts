import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { offlineStoreLayout } from '../../local/featurestore/offlineStoreLayout';
import { USER_ACTIVITY } from '../../schemas/feature-groups';
import { LAKE_LAYOUT } from './constants';

/** The training set's inputs in a lake, as DuckDB globs. */
export interface LakeSources {
  /** The user_activity offline store's Parquet files (every group folder of that name). */
  readonly userActivity: string;
  /** The archived events' Parquet files. */
  readonly events: string;
}

const parquetUnder = async (dir: string): Promise<string[]> => {
  try {
    return (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.parquet'));
  } catch {
    return [];
  }
};

/**
 * The lake under a data dir (`<data-dir>/lake/`, as `snowline up` and the events archiver
 * write it) when it holds both inputs of the training set: user_activity offline-store files
 * and archived events. Null when either is missing or empty.
 */
export async function findLake(dataDir: string): Promise<LakeSources | null> {
  const featureStore = join(dataDir, LAKE_LAYOUT.featureStore);
  const eventsDir = join(dataDir, LAKE_LAYOUT.events);
  const offline = (await parquetUnder(featureStore)).filter((path) => path.split(/[\\/]/).some((part) => offlineStoreLayout.groupFolderPattern(USER_ACTIVITY.name).test(part)));
  const events = await parquetUnder(eventsDir);
  if (offline.length === 0 || events.length === 0) return null;
  const depth = (path: string) => path.split(/[\\/]/).length;
  const offlineDepth = depth(offline[0]!);
  const groupIndex = offline[0]!.split(/[\\/]/).findIndex((part) => offlineStoreLayout.groupFolderPattern(USER_ACTIVITY.name).test(part));
  const prefix = offline[0]!.split(/[\\/]/).slice(0, groupIndex);
  return {
    userActivity: join(featureStore, ...prefix, `${USER_ACTIVITY.name}-*`, ...Array(offlineDepth - groupIndex - 2).fill('*'), '*.parquet'),
    events: join(eventsDir, ...Array(depth(events[0]!) - 1).fill('*'), '*.parquet'),
  };
}
