import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidPseudonymisationKeyError, InvalidPseudonymiserOptionError, Pseudonymiser, type IpAddressMode } from '../../../lib/privacy';
import { PERSONAL_FIELDS } from '../../../schemas/personal-fields';
import { ENRICHED_FIELDS } from '../../../schemas/enriched-event';

const KEY = 'k'.repeat(32);
const OTHER_KEY = 'q'.repeat(32);

describe('Pseudonymiser', () => {
  it('hashes with HMAC-SHA256 under the key, as 64 lower-case hex characters', () => {
    const expected = createHmac('sha256', Buffer.from(KEY)).update('cust-000123').digest('hex');
    expect(new Pseudonymiser(KEY).hash('cust-000123')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic, keyed, and never returns the value (property)', () => {
    const a = new Pseudonymiser(KEY);
    const b = new Pseudonymiser(KEY);
    const other = new Pseudonymiser(OTHER_KEY);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (value) => {
        const pseudonym = a.hash(value);
        expect(b.hash(value)).toBe(pseudonym);
        expect(other.hash(value)).not.toBe(pseudonym);
        expect(pseudonym).toMatch(/^[0-9a-f]{64}$/);
        expect(pseudonym).not.toBe(value);
      }),
    );
  });

  it('keeps distinct values distinct, so joins and counts by pseudonym hold (property)', () => {
    const p = new Pseudonymiser(KEY);
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 2, maxLength: 50 }), (values) => {
        expect(new Set(values.map((v) => p.hash(v))).size).toBe(values.length);
      }),
    );
  });

  it('truncates IP addresses when configured, and hashes text that is not one', () => {
    const p = new Pseudonymiser(KEY, { ipAddresses: 'truncate' });
    expect(p.ipAddress('203.0.113.42')).toBe('203.0.113.0');
    expect(p.ipAddress('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::');
    expect(p.ipAddress('unknown')).toBe(p.hash('unknown'));
    expect(new Pseudonymiser(KEY).ipAddress('203.0.113.42')).toBe(p.hash('203.0.113.42'));
  });

  it('replaces exactly the personal fields of a row, leaving null and the rest as they were', () => {
    const p = new Pseudonymiser(KEY, { ipAddresses: 'truncate' });
    const row = { event_id: 'e1', user_id: 'cust-000001', user_ipaddress: '198.51.100.7', network_userid: null, domain_userid: 'd1', mkt_clickid: 'gclid-1' };
    const out = p.row(row);
    expect(out).toEqual({ event_id: 'e1', user_id: p.hash('cust-000001'), user_ipaddress: '198.51.100.0', network_userid: null, domain_userid: 'd1', mkt_clickid: p.hash('gclid-1') });
    expect(row.user_id).toBe('cust-000001');
  });

  it('names the problem for a short key or an unknown IP mode', () => {
    expect(() => new Pseudonymiser('short')).toThrow(InvalidPseudonymisationKeyError);
    expect(() => new Pseudonymiser('short')).toThrow(/5 characters; at least 32/);
    expect(() => new Pseudonymiser(KEY, { ipAddresses: 'mask' as IpAddressMode })).toThrow(InvalidPseudonymiserOptionError);
    expect(() => new Pseudonymiser(KEY, { ipAddresses: 'mask' as IpAddressMode })).toThrow(/ipAddresses: expected hash or truncate, got "mask"/);
  });
});

describe('PERSONAL_FIELDS', () => {
  it('names enriched-event string fields, each once, with a reason', () => {
    const byName = new Map(ENRICHED_FIELDS.map((f) => [f.name, f]));
    expect(new Set(PERSONAL_FIELDS.map((f) => f.name)).size).toBe(PERSONAL_FIELDS.length);
    for (const field of PERSONAL_FIELDS) {
      expect(byName.get(field.name)?.kind, field.name).toBe('string');
      expect(field.reason.length).toBeGreaterThan(10);
    }
    expect(PERSONAL_FIELDS.map((f) => f.name)).toEqual(expect.arrayContaining(['user_id', 'user_ipaddress']));
  });
});
