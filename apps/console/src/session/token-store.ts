import { UserRole } from "@sofia/protocol";
import { z } from "zod";

const KEY = "sofia-console-token";
const DEVICE_KEY = "sofia-console-device";

/** What the console reads from the token to pick a view; the hub verifies the token itself. */
export const Claims = z.object({ sub: z.string(), role: UserRole, clinic: z.string() });
export type Claims = z.infer<typeof Claims>;

/** The token of this tab (session storage: gone when the tab closes; never in a URL). */
export function savedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, token);
}

/** This tab's device id: the hub keeps a cursor per device, so each tab gets each event once. */
export function deviceId(): string {
  let id = sessionStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = `console-${crypto.randomUUID().slice(0, 12)}`;
    sessionStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** The claims of a JWT's payload, or `null` if it is not one. */
export function claimsOf(token: string): Claims | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    return Claims.safeParse(json).data ?? null;
  } catch {
    return null;
  }
}
