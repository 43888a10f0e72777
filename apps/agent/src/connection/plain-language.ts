import type { CloseAdvice } from "@sofia/protocol";

/** Explains a close for the status page: what happened and what the agent does about it. */
export function explainClose(code: number, advice: CloseAdvice, retryInMs: number, protocol: "v1" | "v2"): string {
  const retry = `retrying in ${Math.max(1, Math.round(retryInMs / 1000))} s`;
  if (advice === "reauthenticate") {
    return `the hub refused this PC's credential (revoked, unknown or wrong; code ${code}). Enroll again with a new code: sofia-agent enroll CODE --hub URL. Meanwhile ${retry}`;
  }
  if (advice === "give_up") {
    const replaced = (protocol === "v2" && code === 4201) || (protocol === "v1" && code === 4001);
    if (replaced) return `another device took over this connection (code ${code}); ${retry}`;
    return `the hub ended the connection (code ${code}) and asked not to reconnect at once; ${retry}`;
  }
  if (code === 1006)
    return `the connection dropped or the hub could not be reached (network, firewall, proxy); ${retry}`;
  if (code === 1001) return `the hub is restarting; ${retry}`;
  return `the connection ended (code ${code}); ${retry}`;
}
