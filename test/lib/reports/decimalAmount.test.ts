import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScaled, InvalidAmountError, padSequenceNumber, InvalidSequenceNumberError, toMicroUnits } from '../../../lib/reports';

describe('amounts and sequence numbers', () => {
  it('turns cent amounts into exact micro-units and back into exact decimal strings', () => {
    expect(toMicroUnits(112.4, 'e1', 'tr_total')).toBe(112_400_000);
    expect(toMicroUnits(0.1 + 0.2, 'e1', 'tr_total')).toBe(300_000);
    expect(formatScaled(168_390_000, 6)).toBe('168.39');
    expect(formatScaled(-5, 6)).toBe('-0.000005');
    expect(formatScaled(42_000_000, 6)).toBe('42');
    expect(formatScaled(7, 0)).toBe('7');
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (cents) => {
        const micro = toMicroUnits(cents / 100, null, 'tr_total');
        expect(micro).toBe(cents * 10_000);
        expect(Number(formatScaled(micro, 6))).toBe(cents / 100);
      }),
    );
  });

  it('rejects an amount that is not finite, naming the event and field', () => {
    expect(() => toMicroUnits(NaN, 'e-42', 'tr_total')).toThrow(new InvalidAmountError('e-42', 'tr_total', NaN));
    expect(() => toMicroUnits(NaN, 'e-42', 'tr_total')).toThrow('event e-42, field tr_total: NaN is not a finite amount');
  });

  it('pads sequence numbers so that strings compare as numbers', () => {
    const a = padSequenceNumber('9');
    const b = padSequenceNumber('10');
    expect(a.length).toBe(64);
    expect(a < b).toBe(true);
    expect(padSequenceNumber('0009')).toBe(a);
    expect(() => padSequenceNumber('12a')).toThrow(new InvalidSequenceNumberError('12a', 'a decimal number'));
    expect(() => padSequenceNumber('1'.repeat(65))).toThrow('is not at most 64 digits');
  });
});
