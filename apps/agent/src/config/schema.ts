import { z } from "zod";
import { OpenDentalSettings } from "../opendental/settings.ts";

/** Largest config file the agent reads; anything bigger is a mistake, not a setting. */
export const MAX_CONFIG_BYTES = 64 * 1024;

/** Default port of the local status page. */
export const DEFAULT_STATUS_PORT = 17_380;

/** A `ws://` or `wss://` URL without credentials or fragment. */
export const EndpointUrl = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = endpointProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** Why `value` is not a usable endpoint, in words for a person; `null` when it is fine. */
export function endpointProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL; expected something like wss://hub.example.com/v2/ws`;
  }
  if (url.protocol !== "ws:" && url.protocol !== "wss:") {
    return `"${value}" must start with wss:// (or ws:// on a local network), not ${url.protocol}//`;
  }
  if (url.username || url.password) return "an endpoint must not carry a user name or password";
  if (url.hash) return "an endpoint must not have a #fragment";
  return null;
}

/** Which protocol to speak: `auto` picks v1 for `/reports/ws` endpoints and v2 otherwise. */
export const ProtocolSetting = z.enum(["auto", "v1", "v2"]);
export type ProtocolSetting = z.infer<typeof ProtocolSetting>;

/** What enrollment told us about this device. */
export const DeviceInfo = z.strictObject({
  agent_id: z.string().max(64),
  doctor_id: z.string().max(128),
  clinic_id: z.string().max(128),
  name: z.string().max(100),
  hub: z.string().max(2048),
});

/**
 * `agent.json`. The credential is not in it: it lives in its own file, readable only by the
 * service account (DPAPI-protected on Windows). Unknown keys are refused so a typo is noticed.
 */
export const AgentConfig = z.strictObject({
  /** Tried in order; the first that answers wins. */
  endpoints: z.array(EndpointUrl).max(10).default([]),
  protocol: ProtocolSetting.default("auto"),
  status_port: z.number().int().min(0).max(65_535).default(DEFAULT_STATUS_PORT),
  log_level: z.enum(["debug", "info", "warn", "error"]).default("info"),
  device: DeviceInfo.nullable().default(null),
  /** Open Dental: endpoints, doctor mappings, settings (absent until `opendental connect` or a set). */
  opendental: OpenDentalSettings.optional(),
});
export type AgentConfig = z.infer<typeof AgentConfig>;

/** The protocol the agent speaks with `config`. */
export function effectiveProtocol(config: Pick<AgentConfig, "endpoints" | "protocol">): "v1" | "v2" {
  if (config.protocol !== "auto") return config.protocol;
  const first = config.endpoints[0];
  return first !== undefined && new URL(first).pathname.replace(/\/+$/, "").endsWith("/reports/ws") ? "v1" : "v2";
}
