import { MIN_KEY_LENGTH } from './constants';
import { InvalidPseudonymisationKeyError } from './errors';

/**
 * The key text as used: one trailing newline removed (files end with one), at least
 * {@link MIN_KEY_LENGTH} characters and no other whitespace at either end.
 *
 * @throws InvalidPseudonymisationKeyError naming `source` and the problem.
 */
export function checkKey(text: string, source: string): string {
  const key = text.replace(/\r?\n$/, '');
  if (key.length < MIN_KEY_LENGTH) throw new InvalidPseudonymisationKeyError(source, `the key has ${key.length} characters; at least ${MIN_KEY_LENGTH} are needed (e.g. 64 hex characters)`);
  if (key.trim() !== key) throw new InvalidPseudonymisationKeyError(source, 'the key starts or ends with whitespace');
  return key;
}
