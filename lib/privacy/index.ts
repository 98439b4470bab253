/** Pseudonymisation of personal data (schemas/personal-fields.ts): keyed hashes, truncated IP addresses, key providers. */
export { Pseudonymiser } from './Pseudonymiser';
export { FileKeyProvider, type FileKeyProviderOptions } from './FileKeyProvider';
export { truncateIpAddress } from './truncateIpAddress';
export { pseudonymousEventRow, timestampText, type PseudonymousEventRow } from './pseudonymousEventRow';
export { checkKey } from './checkKey';
export { CachedKeyProvider } from './CachedKeyProvider';
export { GENERATED_KEY_BYTES, IP_ADDRESS_MODES, KEY_FILE_NAME, MIN_KEY_LENGTH, TRUNCATED_PREFIX } from './constants';
export type { IpAddressMode, PseudonymisationKeyProvider, PseudonymiserOptions } from './types';
export { InvalidPseudonymisationKeyError, InvalidPseudonymiserOptionError, PrivacyError } from './errors';
