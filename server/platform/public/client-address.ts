import net from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail included), or nothing. */
function ipv6Groups(ip: string): number[] | undefined {
  let text = ip;
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const [a, b, c, d] = v4Tail[1].split('.').map(Number);
    text = `${text.slice(0, v4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : undefined;
}

/** `::ffff:a.b.c.d` (how a dual-stack socket reports an IPv4 client) as `a.b.c.d`. */
function mappedIpv4(g: number[]): string | undefined {
  if (!g.slice(0, 5).every((x) => x === 0) || g[5] !== 0xffff) return undefined;
  return [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff].join('.');
}

/**
 * What a consent record keeps of the address (GB/T 35273 de-identification): IPv4 with its last octet
 * zeroed, IPv6 cut to its /48 (the site, not the household); an IPv4-mapped IPv6 address as IPv4.
 */
export function anonymiseIp(ip: string): string {
  const bare = ip.trim().replace(/%.*$/, '');
  if (net.isIPv4(bare)) return bare.replace(/\.\d+$/, '.0');
  const groups = net.isIPv6(bare) ? ipv6Groups(bare) : undefined;
  if (!groups) return '未知';
  const v4 = mappedIpv4(groups);
  if (v4) return anonymiseIp(v4);
  return `${groups
    .slice(0, 3)
    .map((g) => g.toString(16))
    .join(':')}::`;
}

/**
 * The key a visitor's address is counted under: IPv4 as is, IPv6 by its /64 (one subscriber's
 * block: anyone may hold billions of addresses inside it).
 */
export function rateAddress(ip: string): string {
  const bare = ip.trim().replace(/%.*$/, '');
  if (!net.isIPv6(bare)) return bare;
  const groups = ipv6Groups(bare);
  if (!groups) return bare;
  const v4 = mappedIpv4(groups);
  if (v4) return v4;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The user agent as a consent record keeps it: printable, at most 300 characters. */
export function publicUserAgent(req: { headers: IncomingHttpHeaders }): string {
  return String(req.headers['user-agent'] ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .slice(0, 300);
}
