import type { Catalog, Customer } from './catalog';
import { type City, type Country, COUNTRY_WEIGHTS, countryByCode } from './countries';
import { Rng, deriveSeed } from './Rng';
import { USER_AGENT_WEIGHTS, type UserAgentProfile } from './userAgents';

/**
 * One browser that visits the shop: a `domain_userid` cookie with its device, place and (when
 * its owner has an account) the customer it logs in as. Fixed for the whole run.
 */
export interface Visitor {
  readonly index: number;
  readonly domainUserid: string;
  readonly networkUserid: string;
  readonly userAgent: UserAgentProfile;
  readonly country: Country;
  readonly city: City;
  readonly ip: string;
  readonly screen: readonly [number, number];
  readonly viewport: readonly [number, number];
  /** How far the device clock is off, in ms (derived_tstamp corrects it). */
  readonly clockSkewMs: number;
  /** The customer this browser logs in as, if any. */
  readonly customer: Customer | undefined;
  /** Mutable session state: the last session's index and id, and when it ended (true time). */
  session: { index: number; id: string | null; lastActivityMs: number };
}

/** The share of visitors whose owner has an account. */
const CUSTOMER_SHARE = 0.4;

function skew(rng: Rng): number {
  const sign = rng.chance(0.5) ? 1 : -1;
  const r = rng.next();
  if (r < 0.7) return sign * rng.int(0, 2_000);
  if (r < 0.95) return sign * rng.int(2_000, 120_000);
  return sign * rng.int(60_000, 3_600_000);
}

/**
 * The visitor with this index, derived from the run seed and the index alone (so visitor 7 is
 * the same whatever order visitors are first met in).
 */
export function createVisitor(seed: number, index: number, catalog: Catalog): Visitor {
  const rng = new Rng(deriveSeed(seed, 'visitor', index));
  const userAgent = rng.weighted(USER_AGENT_WEIGHTS);
  const robot = userAgent.yauaa.deviceClass === 'Robot';
  const customer = !robot && rng.chance(CUSTOMER_SHARE) ? rng.pick(catalog.customers) : undefined;
  const country = customer ? countryByCode(customer.country) : robot ? countryByCode('US') : rng.weighted(COUNTRY_WEIGHTS);
  const city = rng.pick(country.cities);
  const [a, b] = rng.pick(country.ipBlocks);
  const screen = rng.pick(userAgent.screens);
  const chrome = userAgent.device.mobile ? rng.int(60, 120) : rng.int(80, 160);
  const scrollbar = userAgent.device.mobile ? 0 : rng.pick([0, 15, 17]);
  const domainUserid = rng.uuid();
  const networkUserid = rng.uuid();
  // A returning browser has visited before the window starts.
  const previousSessions = rng.chance(0.45) ? Math.floor(rng.exponential(4)) + 1 : 0;
  return {
    index,
    domainUserid,
    networkUserid,
    userAgent,
    country,
    city,
    ip: `${a}.${b}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    screen,
    viewport: [screen[0] - scrollbar, screen[1] - chrome],
    clockSkewMs: robot ? 0 : skew(rng),
    customer,
    session: { index: previousSessions, id: previousSessions > 0 ? rng.uuid() : null, lastActivityMs: -Infinity },
  };
}
