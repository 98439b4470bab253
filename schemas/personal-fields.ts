import type { EnrichedFieldName } from './enriched-event';

/**
 * How a personal field is pseudonymised: an `identifier` always by its keyed hash, an
 * `ip_address` by its keyed hash or, by configuration, truncated to its network (/24 IPv4,
 * /48 IPv6).
 */
export const PERSONAL_FIELD_KINDS = ['identifier', 'ip_address'] as const;

/** One of {@link PERSONAL_FIELD_KINDS}. */
export type PersonalFieldKind = (typeof PERSONAL_FIELD_KINDS)[number];

/** An enriched-event field that holds personal data, and why it is personal. */
export interface PersonalField {
  readonly name: EnrichedFieldName;
  readonly kind: PersonalFieldKind;
  /** One line: who or what the value identifies. */
  readonly reason: string;
}

/**
 * The enriched-event fields that are personal data, declared once: the events archive, and later
 * the features and reports (issue 8), pseudonymise exactly these before they store an event.
 *
 * In: values that identify a person, a device or a network endpoint on their own, or that link
 * an event to a record outside the event stream.
 *
 * Left out, on purpose:
 * - `domain_userid`, `domain_sessionid`, `domain_sessionidx`: random first-party cookie ids the
 *   tracker makes; they are already pseudonyms (nothing outside the stream maps them to a person)
 *   and they key the feature groups, whose offline store the training set joins to the archive
 *   on them. Marking `domain_userid` personal means pseudonymising the features with the same key
 *   too (deterministic, so the join holds): issue 8's decision.
 * - `geo_*`, `ip_isp`, `ip_organization`, `ip_domain`, `ip_netspeed`: the city-level lookup of
 *   the IP address (a city centroid, not a position) and its network's owner, the granularity a
 *   truncated address keeps anyway.
 * - `tr_city`, `tr_state`, `tr_country`: the order's delivery city and country, without the
 *   street; the orders table holds the customer link, pseudonymised on its side.
 * - `useragent`, `br_*`, `os_*`, `dvce_*`: browser and device families shared by many people;
 *   `user_fingerprint` is the field that combines them into an identifier, and it is in.
 */
export const PERSONAL_FIELDS: readonly PersonalField[] = Object.freeze([
  { name: 'user_id', kind: 'identifier', reason: "the shop's customer id: names a row of the customers table (name, e-mail)" },
  { name: 'user_ipaddress', kind: 'ip_address', reason: "the visitor's IP address: identifies a connection, often a household" },
  { name: 'user_fingerprint', kind: 'identifier', reason: 'a browser fingerprint: follows one device across sites and cookie resets' },
  { name: 'network_userid', kind: 'identifier', reason: "the collector's third-party cookie: follows one browser across every site using the collector" },
  { name: 'refr_domain_userid', kind: 'identifier', reason: "another site's first-party cookie id, passed by the cross-domain linker: links this visitor to that site's records" },
  { name: 'mkt_clickid', kind: 'identifier', reason: "an ad click id (gclid, msclkid): links the visit to the ad platform's user" },
] as const satisfies readonly PersonalField[]);

/** The names of {@link PERSONAL_FIELDS}. */
export const PERSONAL_FIELD_NAMES: ReadonlySet<EnrichedFieldName> = new Set(PERSONAL_FIELDS.map((f) => f.name));
