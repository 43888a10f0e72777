import { isIP } from "node:net";

/**
 * The client's address: the socket's peer or, behind a trusted TLS proxy, the last entry of
 * `X-Forwarded-For` — the one that proxy appended, the only one a client cannot forge. An entry
 * that is not an IP address is ignored.
 */
export function clientAddress(request: Request, peer: string, trustProxy: boolean): string {
  if (!trustProxy) return peer;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() ?? "";
  return isIP(forwarded) ? forwarded : peer;
}
