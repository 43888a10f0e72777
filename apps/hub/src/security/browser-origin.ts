/**
 * An origin as browsers send it (`https://app.example.com`, `http://localhost:5173`): scheme,
 * host and port, lower-case, default port omitted. `null` for text that is not one (a path, a
 * query, credentials, another scheme, or the literal `null` of sandboxed and file pages).
 */
export function normalizeOrigin(text: string): string | null {
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== ""))
    return null;
  return url.origin;
}

/**
 * Whether a connection with this `Origin` header may go on for a clinic that allows `allowed`
 * origins. The one rule for every browser-facing transport (`/reports/ws`, `/v2/ws`, Socket.IO):
 * - no `Origin` (a native client: the agent, a server, a script) → yes: browsers always send one
 *   on a WebSocket handshake or a cross-origin request, other clients need not;
 * - an `Origin` → only if it is in the clinic's list (default empty: no web page may connect),
 *   so a page on another site cannot use a browser's credentials against the hub.
 */
export function browserOriginAllowed(origin: string | null | undefined, allowed: readonly string[]): boolean {
  if (origin === null || origin === undefined || origin === "") return true;
  const normalized = normalizeOrigin(origin);
  return normalized !== null && allowed.includes(normalized);
}
