import { lookup } from "node:dns/promises";
import { type AddressClass, classifyAddress } from "./address-class.ts";

/** Resolves a host name to its IP addresses (IPv4 and IPv6). Injected in tests. */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** The system's resolver (getaddrinfo: /etc/hosts, then DNS). */
export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** What the operator allows webhooks to reach. */
export interface DestinationRules {
  /**
   * Allow loopback, private (RFC 1918, CGNAT) and unique-local destinations, over http or https:
   * for a producer running next to a development hub. Off by default. Link-local (cloud metadata),
   * multicast and other reserved ranges stay refused even then.
   */
  allowLocalTargets: boolean;
}

/** A destination the hub may call: the URL and the vetted address to connect to. */
export type Destination =
  | { ok: true; url: URL; address: string; family: 4 | 6 }
  | { ok: false; reason: string; detail: string };

const LOCAL: ReadonlySet<AddressClass> = new Set(["loopback", "private", "unique_local"]);

/** Why the hub will not call `address` for a URL with `protocol`, or `null` when it may. */
function refusal(address: string, protocol: string, rules: DestinationRules): string | null {
  const cls = classifyAddress(address);
  if (cls === null) return "is not an IP address";
  if (cls === "public") return protocol === "https:" ? null : "must be https";
  if (LOCAL.has(cls)) return rules.allowLocalTargets ? null : `is a ${cls.replace("_", "-")} address`;
  return `is a ${cls.replace("_", "-")} address`;
}

/**
 * Decides where a webhook URL may be called, from its parsed host: an IP literal in any form the
 * URL parser accepts (decimal `2130706433`, hex `0x7f.1`, IPv6, IPv4-mapped IPv6) is classified
 * as the address it is; a name is resolved, and every address it resolves to must be allowed (a
 * name that mixes public and private records is refused). Called when a webhook is registered and
 * again before every call, since DNS answers change; the call then connects to the address vetted
 * here, so the name cannot be re-resolved elsewhere in between.
 */
export async function vetDestination(
  text: string,
  resolve: HostResolver,
  rules: DestinationRules,
): Promise<Destination> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: "is not a URL", detail: "unparseable" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, reason: "must be https", detail: url.protocol };
  if (url.username !== "" || url.password !== "")
    return { ok: false, reason: "must not contain a user name or password", detail: "userinfo" };
  // Plain http can only ever reach a local target, so without those it is refused unresolved.
  if (url.protocol === "http:" && !rules.allowLocalTargets)
    return { ok: false, reason: "must be https", detail: "http" };
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (classifyAddress(host) !== null) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) return { ok: false, reason: "does not resolve", detail: host };
  }
  for (const address of addresses) {
    const why = refusal(address, url.protocol, rules);
    if (why)
      return {
        ok: false,
        reason: `${why} (only public https destinations are called)`,
        detail: `${host} → ${address}`,
      };
  }
  const address = addresses[0] ?? "";
  return { ok: true, url, address, family: address.includes(":") ? 6 : 4 };
}
