/** Defaults of the pseudonymisation. */

/** How an IP address is pseudonymised: its keyed hash, or its network (/24 IPv4, /48 IPv6). */
export const IP_ADDRESS_MODES = ['hash', 'truncate'] as const;

/** The shortest key accepted, in characters: 32 (a 256-bit key as hex is 64). */
export const MIN_KEY_LENGTH = 32;

/** Random bytes in a generated key (written as 64 hex characters). */
export const GENERATED_KEY_BYTES = 32;

/** The key file's name in the local data dir. */
export const KEY_FILE_NAME = 'pseudonymisation.key';

/** Prefix lengths kept when IP addresses are truncated. */
export const TRUNCATED_PREFIX = { ipv4: 24, ipv6: 48 } as const;
