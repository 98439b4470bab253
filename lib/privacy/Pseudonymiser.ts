import { createHmac } from 'node:crypto';
import { PERSONAL_FIELDS, type PersonalField, type PersonalFieldKind } from '../../schemas/personal-fields';
import { checkKey } from './checkKey';
import { IP_ADDRESS_MODES } from './constants';
import { InvalidPseudonymiserOptionError } from './errors';
import { truncateIpAddress } from './truncateIpAddress';
import type { IpAddressMode, PseudonymisationKeyProvider, PseudonymiserOptions } from './types';

/**
 * Replaces personal values by pseudonyms: HMAC-SHA256 of the value under a secret key, as 64
 * lower-case hex characters. The same value under the same key always gives the same pseudonym,
 * whatever field it is in, so a customer id hashed in the events archive still joins the same id
 * hashed anywhere else (features, reports, the customers table) with that key; without the key
 * the value cannot be recovered or confirmed by hashing guesses. IP addresses can be truncated to
 * their network instead, by configuration.
 *
 * Pure: no I/O once built. Use {@link Pseudonymiser.fromProvider} to load the key.
 *
 * @example
 * ```ts
 * const pseudonymiser = new Pseudonymiser('0123456789abcdef0123456789abcdef', { ipAddresses: 'truncate' });
 * pseudonymiser.hash('cust-000123');         // '5c3f…' (64 hex characters)
 * pseudonymiser.ipAddress('203.0.113.42');   // '203.0.113.0'
 * ```
 */
export class Pseudonymiser {
  /** How IP addresses are treated. */
  readonly ipAddresses: IpAddressMode;
  private readonly key: Buffer;

  /**
   * @param key at least 32 characters; its UTF-8 bytes key the HMAC.
   * @throws InvalidPseudonymisationKeyError when the key is too short.
   * @throws InvalidPseudonymiserOptionError for an unknown `ipAddresses` mode.
   */
  constructor(key: string, options: PseudonymiserOptions = {}) {
    this.key = Buffer.from(checkKey(key, 'the caller'), 'utf8');
    const mode = options.ipAddresses ?? 'hash';
    if (!(IP_ADDRESS_MODES as readonly string[]).includes(mode)) throw new InvalidPseudonymiserOptionError('ipAddresses', mode, IP_ADDRESS_MODES.join(' or '));
    this.ipAddresses = mode;
  }

  /** Builds a pseudonymiser with the key `provider` gives. */
  static async fromProvider(provider: PseudonymisationKeyProvider, options: PseudonymiserOptions = {}): Promise<Pseudonymiser> {
    return new Pseudonymiser(await provider.getKey(), options);
  }

  /** The keyed hash of `value`: HMAC-SHA256, 64 lower-case hex characters. */
  hash(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('hex');
  }

  /** An IP address as configured: its hash, or its network; text that is not an address is hashed. */
  ipAddress(value: string): string {
    if (this.ipAddresses === 'truncate') return truncateIpAddress(value) ?? this.hash(value);
    return this.hash(value);
  }

  /** A value of a personal field of `kind`; `null` stays `null`. */
  value(kind: PersonalFieldKind, value: string | null): string | null {
    if (value === null) return null;
    return kind === 'ip_address' ? this.ipAddress(value) : this.hash(value);
  }

  /**
   * A copy of `row` with every personal field that is present and a string replaced by its
   * pseudonym; other fields are copied as they are.
   *
   * @param fields the personal fields. @default PERSONAL_FIELDS
   */
  row<T extends Record<string, unknown>>(row: T, fields: readonly PersonalField[] = PERSONAL_FIELDS): T {
    const out: Record<string, unknown> = { ...row };
    for (const field of fields) {
      const value = out[field.name];
      if (typeof value === 'string') out[field.name] = this.value(field.kind, value);
    }
    return out as T;
  }
}
