import { API_MODES, type ApiMode, DEFAULT_URLS, type EndpointConfig, resolveEndpoints } from "@sofia/opendental";

/**
 * Reads `opendental connect --url` into the endpoint cascade, preferred first. Comma-separated;
 * each item is a URL, `MODE=URL`, or a bare mode for its documented address (`remote`). A URL's
 * mode is what its address says: api.opendental.com is the Remote API, port 30222 the Local API
 * in OpenDental.exe, anything else the API Service. `/api/v1` is added when the path is empty.
 * Throws an Error whose message a person can act on.
 */
export function parseEndpointSpec(spec: string): Required<EndpointConfig>[] {
  const items = spec
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (items.length === 0 || items.length > 3)
    throw new Error("give one to three Open Dental addresses, preferred first");
  const endpoints = items.map((item): Required<EndpointConfig> => {
    const bare = API_MODES.find((m) => m === item);
    if (bare) return { mode: bare, url: DEFAULT_URLS[bare] };
    const [head, ...rest] = item.split("=");
    const mode = API_MODES.find((m) => m === head);
    const text = mode ? rest.join("=") : item;
    const url = URL.parse(text.includes("://") ? text : `http://${text}`);
    if (!url) throw new Error(`"${item}" is not an address; e.g. http://192.168.1.10:30223 or remote`);
    if (url.pathname === "/" || url.pathname === "") url.pathname = "/api/v1";
    const base = url.toString().replace(/\/+$/, "");
    return { mode: mode ?? modeOf(url), url: base };
  });
  resolveEndpoints(endpoints);
  if (new Set(endpoints.map((e) => e.url)).size !== endpoints.length) throw new Error("an address is listed twice");
  return endpoints;
}

function modeOf(url: URL): ApiMode {
  if (url.hostname.toLowerCase() === "api.opendental.com") return "remote";
  return url.port === "30222" ? "local" : "service";
}

/** `service http://…:30223/api/v1, remote https://api.opendental.com/api/v1`, for people. */
export function describeEndpoints(endpoints: readonly EndpointConfig[]): string {
  return endpoints.map((e) => `${e.mode} ${e.url ?? DEFAULT_URLS[e.mode]}`).join(", ");
}
