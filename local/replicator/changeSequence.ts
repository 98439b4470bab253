import { CHANGE_SEQUENCE_LENGTH } from '../../lib/catalog';

/** The 64-bit position of a `X/Y` LSN (PostgreSQL's text of a pg_lsn). */
export function lsnToBigInt(lsn: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn);
  if (match === null) throw new RangeError(`not an LSN: '${lsn}'`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/**
 * A change's `dms_change_seq` (DMS's `$AR_H_CHANGE_SEQ`, 35 characters): the commit's LSN
 * (20 decimal digits, so transactions sort in commit order) then the change's index in its
 * transaction (15 digits). Sorting the text sorts the changes in commit order; a replayed
 * change gets the same sequence again.
 *
 * @example
 * ```ts
 * changeSequence('0/1B86418', 2); // '00000000000028861464000000000000002'
 * ```
 */
export function changeSequence(commitLsn: string, index: number): string {
  const seq = `${lsnToBigInt(commitLsn).toString().padStart(20, '0')}${String(index).padStart(15, '0')}`;
  if (seq.length !== CHANGE_SEQUENCE_LENGTH) throw new RangeError(`change index ${index} does not fit in ${CHANGE_SEQUENCE_LENGTH} characters`);
  return seq;
}

/** The sequence of every full-load row: all zeros (their snapshot timestamp orders them). */
export const LOAD_CHANGE_SEQ = '0'.repeat(CHANGE_SEQUENCE_LENGTH);
