/**
 * Open Dental's three API modes [S4][S3][S5]. Local (OpenDental.exe, port 30222) and Service
 * (OpenDentalAPIService.exe, port 30223) are not throttled and page at 1,000 rows; Remote
 * (api.opendental.com) pages at 100 and throttles per customer key.
 */
export type ApiMode = "local" | "service" | "remote";

export interface ModeRules {
  /** The port the real thing listens on; the sandbox's default. */
  defaultPort: number;
  /** Default and hard maximum of `Limit`. */
  pageLimit: number;
  throttled: boolean;
}

export const MODES: Record<ApiMode, ModeRules> = {
  local: { defaultPort: 30222, pageLimit: 1000, throttled: false },
  service: { defaultPort: 30223, pageLimit: 1000, throttled: false },
  // Inferred: the remote API is https on 443 at Open Dental; the sandbox picks the next free-looking port.
  remote: { defaultPort: 30224, pageLimit: 100, throttled: true },
};

/** Minimum spacing of a customer key's requests in remote mode [S3][S5]. */
export const THROTTLE_MS = { readOnly: 5000, write: 1000 } as const;

/** Parses a `--mode` value. */
export function parseMode(text: string | undefined): ApiMode | undefined {
  return text === "local" || text === "service" || text === "remote" ? text : undefined;
}
