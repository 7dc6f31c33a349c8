import { isIP } from 'node:net';

// Addresses a server-side fetch must never reach (SSRF): this machine, private networks,
// link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT, multicast, reserved.

const blockedV4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

function v4ToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4Range(address: string, [base, bits]: [string, number]): boolean {
  const size = 2 ** (32 - bits);
  const start = v4ToNumber(base);
  const value = v4ToNumber(address);
  return value >= start && value < start + size;
}

/** The 8 groups of an IPv6 address as numbers (handles `::` and an IPv4 tail). */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail?.[1]) {
    const n = v4ToNumber(v4Tail[1]);
    text = text.replace(v4Tail[1], `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`);
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [
    ...headGroups,
    ...(tail !== undefined ? Array<string>(missing).fill('0') : []),
    ...tailGroups,
  ];
  return groups.map((g) => parseInt(g || '0', 16));
}

/** True when a fetch must not connect to this IP address. Unparseable input is blocked. */
export function isBlockedAddress(address: string): boolean {
  const version = isIP(address.split('%')[0] ?? '');
  if (version === 4) return blockedV4.some((range) => inV4Range(address, range));
  if (version !== 6) return true;
  const g = v6Groups(address);
  if (g.length !== 8) return true;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g6 = 0, g7 = 0] = g;
  const v4 = `${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff)
    return isBlockedAddress(v4); // IPv4-mapped
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0) return true; // ::, ::1, IPv4-compatible
  if (a === 0x64 && b === 0xff9b) return isBlockedAddress(v4); // NAT64
  if (a === 0x2002) return isBlockedAddress(`${b >> 8}.${b & 0xff}.${c >> 8}.${c & 0xff}`); // 6to4
  if ((a & 0xfe00) === 0xfc00) return true; // unique local (fd00:ec2::254 is AWS metadata)
  if ((a & 0xffc0) === 0xfe80) return true; // link-local
  if ((a & 0xff00) === 0xff00) return true; // multicast
  if (a === 0x2001 && b === 0x0db8) return true; // documentation
  return false;
}
