/** Types of the pseudonymisation. */
import type { IP_ADDRESS_MODES } from './constants';

/** One of {@link IP_ADDRESS_MODES}. */
export type IpAddressMode = (typeof IP_ADDRESS_MODES)[number];

/**
 * Where the pseudonymisation key comes from: a generated file locally, Secrets Manager on AWS.
 * The key is text of at least 32 characters; its UTF-8 bytes key the HMAC.
 */
export interface PseudonymisationKeyProvider {
  /** The key. Called once per pseudonymiser; implementations may cache. */
  getKey(): Promise<string>;
}

/** Options of the {@link Pseudonymiser}. */
export interface PseudonymiserOptions {
  /**
   * `hash`: IP addresses get the keyed hash like identifiers; `truncate`: they keep their
   * network (/24 IPv4, /48 IPv6), so geography and abuse analysis still work. A value that is
   * not an IP address is hashed either way, never kept.
   * @default 'hash'
   */
  readonly ipAddresses?: IpAddressMode;
}
