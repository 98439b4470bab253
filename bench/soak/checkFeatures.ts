import { SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import type { GeneratedEvent } from '../../lib/generator';
import { sdkClientConfig, type Endpoints } from '../../local/up';
import { PRODUCT_ACTIVITY, USER_ACTIVITY } from '../../schemas/feature-groups';
import { expectedProductActivity, expectedUserActivity } from '../../test/lib/features/truth';
import { readRecords } from '../../test/stores/features/helpers';

/** What {@link checkFeatures} found. */
export interface FeaturesCheck {
  /** Records compared (every user and every product of the truth). */
  readonly recordsCompared: number;
  /** Every difference, named: `user_activity <id> events_1h: stored 4, expected 5`. */
  readonly mismatches: readonly string[];
}

/** The differences between expected records and those the online store returned. */
function compareRecords(group: string, expected: ReadonlyMap<string, Record<string, string>>, actual: ReadonlyMap<string, Record<string, string>>): string[] {
  const out: string[] = [];
  for (const [id, want] of expected) {
    const got = actual.get(id);
    if (got === undefined) {
      out.push(`${group} ${id}: no record, expected one (event_time ${want.event_time})`);
      continue;
    }
    for (const name of new Set([...Object.keys(want), ...Object.keys(got)])) {
      if (got[name] !== want[name]) out.push(`${group} ${id} ${name}: stored ${got[name] ?? '(not set)'}, expected ${want[name] ?? '(not set)'}`);
    }
  }
  return out;
}

/**
 * Reads the online record of every user and every product the soak's events touched from the
 * stack's Feature Store (BatchGetRecord, through the real SDK client) and compares every feature
 * with the feature suites' brute-force truth (test/lib/features/truth.ts, written apart from
 * lib/features), as of each entity's latest event time.
 */
export async function checkFeatures(endpoints: Endpoints, truth: readonly GeneratedEvent[]): Promise<FeaturesCheck> {
  const client = new SageMakerFeatureStoreRuntimeClient(sdkClientConfig(endpoints, 'featurestore'));
  try {
    const users = expectedUserActivity(truth);
    const products = expectedProductActivity(truth);
    const storedUsers = await readRecords(client, USER_ACTIVITY.name, [...users.keys()]);
    const storedProducts = await readRecords(client, PRODUCT_ACTIVITY.name, [...products.keys()]);
    return {
      recordsCompared: users.size + products.size,
      mismatches: [...compareRecords(USER_ACTIVITY.name, users, storedUsers), ...compareRecords(PRODUCT_ACTIVITY.name, products, storedProducts)],
    };
  } finally {
    client.destroy();
  }
}
