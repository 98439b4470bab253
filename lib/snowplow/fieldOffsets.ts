import { ENRICHED_FIELD_COUNT } from '../../schemas/enriched-event';

/**
 * Finds where each field of an enriched line starts: `offsets[i]` is the start of field `i` and
 * `offsets[i + 1] - 1` its end, so `offsets` has one entry more than there are fields. Returns
 * the number of fields instead when it is not 131. Empty trailing fields count.
 *
 * `indexOf` finds tabs far faster than a character loop or `split`, and no substring is made.
 */
export function fieldOffsets(line: string): number[] | number {
  // A plain array of small integers: far cheaper to allocate than an Int32Array.
  const offsets: number[] = new Array<number>(ENRICHED_FIELD_COUNT + 1);
  offsets[0] = 0;
  let fields = 1;
  let tab = line.indexOf('\t');
  while (tab !== -1) {
    if (fields === ENRICHED_FIELD_COUNT) return fields + countTabs(line, tab + 1) + 1;
    offsets[fields++] = tab + 1;
    tab = line.indexOf('\t', tab + 1);
  }
  if (fields !== ENRICHED_FIELD_COUNT) return fields;
  offsets[ENRICHED_FIELD_COUNT] = line.length + 1;
  return offsets;
}

function countTabs(line: string, from: number): number {
  let count = 0;
  for (let tab = line.indexOf('\t', from); tab !== -1; tab = line.indexOf('\t', tab + 1)) count++;
  return count;
}
