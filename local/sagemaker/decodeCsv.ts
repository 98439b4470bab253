import { MalformedBodyError } from './errors';

/**
 * Reads `text/csv` rows of numbers: one row per line, values separated by commas, no header.
 * Blank lines (a trailing newline) are skipped; every value must be a finite number.
 *
 * @throws MalformedBodyError naming the row and column of the first bad value.
 * @example
 * ```ts
 * decodeCsv('1,2.5,3\n4,5,6\n'); // [[1, 2.5, 3], [4, 5, 6]]
 * ```
 */
export const decodeCsv = (text: string): number[][] => {
  const rows: number[][] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    rows.push(
      line.split(',').map((cell, column) => {
        const value = cell.trim();
        const where = `CSV line ${index + 1}, column ${column + 1}`;
        if (value === '') throw new MalformedBodyError(`${where} is empty; every value must be a number.`);
        const number = Number(value);
        if (!Number.isFinite(number)) throw new MalformedBodyError(`${where}: "${value}" is not a finite number.`);
        return number;
      }),
    );
  }
  if (rows.length === 0) throw new MalformedBodyError('The CSV body has no rows.');
  return rows;
};
