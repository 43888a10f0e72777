import { UsageError } from "@sofia/cli";

/** The two addresses enrollment needs, from whatever form of the hub's address a person typed. */
export interface HubAddress {
  /** `https://hub.example.com`: where `POST /v1/agents/enroll` goes. */
  http: string;
  /** `wss://hub.example.com/v2/ws`: the endpoint the agent connects to. */
  endpoint: string;
}

/**
 * Accepts `https://hub.example.com`, `hub.example.com`, `wss://hub.example.com/v2/ws` and the like.
 * A bare host name means https. Anything else is a usage error that says what was expected.
 */
export function parseHubUrl(input: string): HubAddress {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`"${input}" is not a hub address; expected e.g. https://hub.example.com`);
  }
  const secure = url.protocol === "https:" || url.protocol === "wss:";
  if (!secure && url.protocol !== "http:" && url.protocol !== "ws:") {
    throw new UsageError(`"${input}": the hub address must start with https:// (or http:// on a local network)`);
  }
  if (url.username || url.password) throw new UsageError("the hub address must not contain a user name or password");
  const host = url.host;
  return { http: `${secure ? "https" : "http"}://${host}`, endpoint: `${secure ? "wss" : "ws"}://${host}/v2/ws` };
}
