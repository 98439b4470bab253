import fc from 'fast-check';
import { isIPv4, isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { truncateIpAddress } from '../../../lib/privacy';

/** The 128 bits of an IPv6 address as a bigint (a test-side parser, independent of the module's). */
function ipv6Bits(address: string): bigint {
  const url = new URL(`http://[${address}]/`);
  const groups = url.hostname.slice(1, -1);
  const [head, tail] = groups.split('::') as [string, string | undefined];
  const parts = (s: string) => (s === '' ? [] : s.split(':'));
  const all = tail === undefined ? parts(head) : [...parts(head), ...Array(8 - parts(head).length - parts(tail).length).fill('0'), ...parts(tail)];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

describe('truncateIpAddress', () => {
  it.each([
    ['192.168.17.250', '192.168.17.0'],
    ['10.0.0.1', '10.0.0.0'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:db8::1', '2001:db8:0::'],
    ['::1', '0:0:0::'],
    ['::ffff:203.0.113.9', '0:0:0::'],
  ])('%s → %s', (address, network) => {
    expect(truncateIpAddress(address)).toBe(network);
  });

  it.each(['', 'localhost', '256.1.1.1', '1.2.3', 'fe80::1%eth0', '2001:db8::g'])('refuses %j', (text) => {
    expect(truncateIpAddress(text)).toBeUndefined();
  });

  it('keeps exactly the first 24 bits of any IPv4 address (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const network = truncateIpAddress(address)!;
        expect(isIPv4(network)).toBe(true);
        const bits = (a: string) => a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
        expect(bits(network)).toBe(bits(address) - (bits(address) % 256));
      }),
    );
  });

  it('keeps exactly the first 48 bits of any IPv6 address (property)', () => {
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        const network = truncateIpAddress(address)!;
        expect(isIPv6(network)).toBe(true);
        const mask = ((1n << 48n) - 1n) << 80n;
        expect(ipv6Bits(network)).toBe(ipv6Bits(address) & mask);
      }),
    );
  });
});
