import { LINE_WIDTH, SEQUENCE_WIDTH } from './constants';
import { InvalidSequenceNumberError } from './errors';

const DIGITS = /^\d+$/;
const ZEROS = '0'.repeat(SEQUENCE_WIDTH);

/**
 * A Kinesis sequence number zero-padded to {@link SEQUENCE_WIDTH} digits, so that two padded
 * numbers compare as strings the way they compare as numbers (DynamoDB compares strings).
 *
 * @throws InvalidSequenceNumberError when it is not digits, or longer than the width.
 * @example
 * padSequenceNumber('49590338271490256608559692538361571095921575989136588898'); // '00000000' + the same 56 digits
 */
export function padSequenceNumber(sequenceNumber: string): string {
  if (!DIGITS.test(sequenceNumber)) throw new InvalidSequenceNumberError(sequenceNumber, 'a decimal number');
  const trimmed = sequenceNumber.replace(/^0+(?=\d)/, '');
  if (trimmed.length > SEQUENCE_WIDTH) throw new InvalidSequenceNumberError(sequenceNumber, `at most ${SEQUENCE_WIDTH} digits`);
  return ZEROS.slice(trimmed.length) + trimmed;
}

/**
 * Where one line of one record stands in its shard: the padded sequence number, then the line's
 * index in the record, padded. Marks in report items are positions, so that a record of many
 * events may be split over several updates of one item.
 */
export function linePosition(paddedSequenceNumber: string, line: number): string {
  return paddedSequenceNumber + String(line).padStart(LINE_WIDTH, '0');
}
