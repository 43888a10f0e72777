/**
 * The three ways to reach an office, as Open Dental documents them ("API Modes - Local, Service,
 * and Remote", apilocal.html):
 * - `local`: the Local API inside OpenDental.exe on a workstation, `http://localhost:30222/api/v1`,
 *   up only while a user is logged in to Open Dental there;
 * - `service`: the API Service on the office server, `http://{server}:30223/api/v1` (an inbound
 *   firewall rule for 30223 is needed from other machines);
 * - `remote`: Open Dental's cloud, `https://api.opendental.com/api/v1`, through the office's
 *   eConnector; throttled per customer key.
 * Open Dental recommends a cascade: the on-site API first, the Remote API when it is down.
 */
export type ApiMode = "local" | "service" | "remote";

export const API_MODES: readonly ApiMode[] = ["local", "service", "remote"];

/** The documented base URL of each mode (the service's on the server itself). */
export const DEFAULT_URLS: Readonly<Record<ApiMode, string>> = {
  local: "http://localhost:30222/api/v1",
  service: "http://localhost:30223/api/v1",
  remote: "https://api.opendental.com/api/v1",
};

/**
 * Rows per page: "default and hard limit" 100 for the Remote API, 1,000 for the Local API and the
 * API Service (apiimplementation.html). Asking for more is pointless; asking for exactly this lets
 * the client tell a full page from the last one.
 */
export const PAGE_LIMITS: Readonly<Record<ApiMode, number>> = { local: 1000, service: 1000, remote: 100 };

/** One way to reach the office, as configured: a mode and, unless the mode's default, its URL. */
export interface EndpointConfig {
  mode: ApiMode;
  /** Base URL ending in `/api/v1`; default {@link DEFAULT_URLS}`[mode]`. */
  url?: string;
}

/** A configured endpoint, its URL checked and without a trailing slash. */
export interface Endpoint {
  readonly mode: ApiMode;
  readonly url: string;
}

/**
 * Checks and normalises configured endpoints. The keys travel in every request's Authorization
 * header, so a URL must be https, or http to this machine or a private network (Open Dental
 * documents only http for the Local API and the API Service). Throws on a bad configuration.
 */
export function resolveEndpoints(configs: readonly EndpointConfig[]): Endpoint[] {
  if (configs.length === 0) throw new Error("configure at least one Open Dental endpoint");
  return configs.map(({ mode, url }) => {
    if (!API_MODES.includes(mode)) throw new Error(`unknown Open Dental API mode "${String(mode)}"`);
    const text = (url ?? DEFAULT_URLS[mode]).replace(/\/+$/, "");
    const parsed = URL.parse(text);
    if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
      throw new Error(`the ${mode} endpoint must be an http(s) URL: ${text}`);
    }
    if (parsed.protocol === "http:" && !isLocalNetwork(parsed.hostname)) {
      throw new Error(`the ${mode} endpoint sends the API keys; use https for a host outside the office: ${text}`);
    }
    if (parsed.username || parsed.password || parsed.search || parsed.hash) {
      throw new Error(`the ${mode} endpoint must be a plain base URL: ${parsed.origin}${parsed.pathname}`);
    }
    return { mode, url: text };
  });
}

/** True for localhost, loopback and RFC 1918 / link-local / IPv6 unique-local addresses. */
export function isLocalNetwork(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host === "::1" || /^f[cd][0-9a-f]{2}:/.test(host) || host.startsWith("fe80:")) {
    return true;
  }
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (!ipv4) return !host.includes(".") && !host.includes(":"); // a bare Windows machine name: the LAN
  const a = Number(ipv4[1]);
  const b = Number(ipv4[2]);
  return (
    a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
  );
}
