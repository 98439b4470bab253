import { isIPv4, isIPv6 } from 'node:net';
import { TRUNCATED_PREFIX } from './constants';

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail becomes two groups). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a, b, c, d] = tail.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = parse(head);
  if (rest === undefined) return left;
  const right = parse(rest);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * An IP address cut to its network: the first 24 bits of IPv4 (`203.0.113.42` → `203.0.113.0`),
 * the first 48 bits of IPv6 (`2001:db8:85a3:8d3:1319:8a2e:370:7348` → `2001:db8:85a3::`), the
 * rest zero. Returns `undefined` for text that is not an IP address (a zone id such as `%eth0`
 * included), so the caller can hash it instead of keeping it.
 *
 * @example
 * ```ts
 * truncateIpAddress('192.168.17.250'); // '192.168.17.0'
 * truncateIpAddress('not an ip');      // undefined
 * ```
 */
export function truncateIpAddress(address: string): string | undefined {
  if (isIPv4(address)) {
    const octets = address.split('.');
    const kept = TRUNCATED_PREFIX.ipv4 / 8;
    return octets.map((octet, i) => (i < kept ? String(Number(octet)) : '0')).join('.');
  }
  if (isIPv6(address) && !address.includes('%')) {
    const kept = TRUNCATED_PREFIX.ipv6 / 16;
    return `${ipv6Groups(address)
      .slice(0, kept)
      .map((group) => group.toString(16))
      .join(':')}::`;
  }
  return undefined;
}
