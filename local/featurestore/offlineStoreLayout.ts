import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * The offline store's folder layout, as Feature Store writes it to S3:
 * `<S3Uri>/<account>/sagemaker/<region>/offline-store/<group>-<creation-time>/data/year=YYYY/month=MM/day=DD/hour=HH/<file>.parquet`,
 * partitioned by event time, the file named after the latest event time it holds.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-offline.html
 */
export const offlineStoreLayout = {
  /** The folder holding every group's offline store. */
  root(offlineStoreDir: string, accountId: string, region: string): string {
    return join(offlineStoreDir, accountId, 'sagemaker', region, 'offline-store');
  },

  /** A group's folder name: its name and creation time in epoch seconds. */
  groupFolder(featureGroupName: string, creationTimeSec: number): string {
    return `${featureGroupName}-${creationTimeSec}`;
  },

  /** Matches a group's folder name and captures its creation time. */
  groupFolderPattern(featureGroupName: string): RegExp {
    // Names hold only alphanumerics, '-' and '_', none of them special in a pattern.
    return new RegExp(`^${featureGroupName}-(\\d+)$`);
  },

  /** The partition of an event time, relative to the group folder. */
  partition(eventTimeMs: number): string {
    const date = new Date(eventTimeMs);
    const pad = (value: number) => String(value).padStart(2, '0');
    return join(
      'data',
      `year=${String(date.getUTCFullYear()).padStart(4, '0')}`,
      `month=${pad(date.getUTCMonth() + 1)}`,
      `day=${pad(date.getUTCDate())}`,
      `hour=${pad(date.getUTCHours())}`,
    );
  },

  /**
   * A file name: the latest event time in the file, `_`, and 16 alphanumerics. The suffix is
   * derived from `seed`, so writing the same rows again after a crash replaces the same file.
   */
  fileName(latestEventTimeMs: number, seed: string): string {
    const stamp = new Date(latestEventTimeMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const digest = createHash('sha256').update(seed).digest();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const suffix = Array.from(digest.subarray(0, 16), (byte) => alphabet[byte % alphabet.length]).join('');
    return `${stamp}_${suffix}.parquet`;
  },
} as const;
