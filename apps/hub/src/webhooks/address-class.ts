import { isIPv4, isIPv6 } from "node:net";

/**
 * What kind of network an IP address belongs to, for deciding whether the hub may call it.
 * `public` is the internet; `loopback`, `private` (RFC 1918, carrier-grade NAT, site-local) and
 * `unique_local` (fc00::/7) are the hub's own machine and local networks; `link_local` covers
 * 169.254.0.0/16 (where cloud metadata services answer) and fe80::/10; `reserved` is everything
 * else that is not routable on the internet (unspecified, multicast, broadcast, documentation,
 * benchmarking, Teredo, discard).
 */
export type AddressClass = "public" | "loopback" | "private" | "unique_local" | "link_local" | "reserved";

/** IPv4 ranges that are not the public internet, as CIDR blocks; anything else is `public`. */
const V4_RANGES: readonly (readonly [cidr: string, cls: AddressClass])[] = [
  ["0.0.0.0/8", "reserved"], // "this network", unspecified
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "private"], // carrier-grade NAT
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link_local"], // cloud metadata lives at 169.254.169.254
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "reserved"], // IETF protocol assignments
  ["192.0.2.0/24", "reserved"], // documentation
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "reserved"], // benchmarking
  ["198.51.100.0/24", "reserved"], // documentation
  ["203.0.113.0/24", "reserved"], // documentation
  ["224.0.0.0/3", "reserved"], // multicast (224/4), reserved (240/4), broadcast
];

const toUint32 = (octets: readonly number[]) =>
  (((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) >>> 0;

const V4_BLOCKS = V4_RANGES.map(([cidr, cls]) => {
  const [network = "", bits = "32"] = cidr.split("/");
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return { network: toUint32(network.split(".").map(Number)), mask, cls };
});

/** The class of an IPv4 address given as its four octets. */
function classifyV4(octets: readonly number[]): AddressClass {
  const value = toUint32(octets);
  for (const { network, mask, cls } of V4_BLOCKS) if ((value & mask) >>> 0 === network) return cls;
  return "public";
}

/** The eight 16-bit groups of a valid IPv6 address (zone id removed, dotted IPv4 tail expanded). */
function groupsOf(text: string): number[] {
  let address = text.split("%")[0] ?? "";
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split(".").map(Number);
    address = `${address.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = address.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function classifyV6(g: readonly number[]): AddressClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = () => classifyV4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0 && g6 === 0) return g7 === 1 ? "loopback" : "reserved"; // ::1, ::
  if (upperZero && g5 === 0xffff) return embedded(); // IPv4-mapped ::ffff:a.b.c.d
  if (upperZero && g5 === 0) return "reserved"; // IPv4-compatible (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return embedded(); // NAT64
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "private"; // local-use NAT64
  if (g0 === 0x2002) return classifyV4([g1 >> 8, g1 & 0xff, g2 >> 8, g2 & 0xff]); // 6to4
  if (g0 === 0x2001 && (g1 === 0 || g1 === 0xdb8)) return "reserved"; // Teredo, documentation
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return "reserved"; // discard
  if ((g0 & 0xfe00) === 0xfc00) return "unique_local";
  if ((g0 & 0xffc0) === 0xfe80) return "link_local";
  if ((g0 & 0xffc0) === 0xfec0) return "private"; // site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return "reserved"; // multicast
  return "public";
}

/**
 * Classifies an IP address as written by a resolver or a parsed URL (IPv6 with or without
 * brackets). Returns `null` for text that is not an IP address.
 */
export function classifyAddress(address: string): AddressClass | null {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return classifyV4(bare.split(".").map(Number));
  if (isIPv6(bare)) return classifyV6(groupsOf(bare));
  return null;
}
