import { type EndpointConfig, isOdError, type OpenDentalError, systemClock } from "@sofia/opendental";
import { readConfig } from "../config/config-file.ts";
import { AgentError, ExitCode } from "../exit-codes.ts";
import { OdKeyStore, type OdKeys } from "../opendental/keys.ts";
import { Office } from "../opendental/office.ts";
import { type OpenDentalSettings, odSettings } from "../opendental/settings.ts";
import type { AgentPaths } from "../paths.ts";
import type { AgentIo } from "./io.ts";

/** A command's deadline per Open Dental request: a person is waiting. */
const CLI_TIMEOUT_MS = 20_000;

/** An office for a command to talk to, from endpoints and keys given or stored. */
export function commandOffice(io: AgentIo, endpoints: readonly EndpointConfig[], keys: OdKeys): Office {
  return new Office({ endpoints, keys, clock: systemClock, fetch: io.fetch, timeoutMs: CLI_TIMEOUT_MS });
}

/** The stored keys for this PC. */
export function keyStore(io: AgentIo, paths: AgentPaths): OdKeyStore {
  return new OdKeyStore(paths.openDentalKeysFile, io.platform === "win32");
}

/** The office as `opendental connect` stored it, or NOT_CONFIGURED saying to connect first. */
export function storedOffice(io: AgentIo, paths: AgentPaths): { office: Office; settings: OpenDentalSettings } {
  const settings = odSettings(readConfig(paths.configFile));
  const keys = keyStore(io, paths).read();
  if (settings.endpoints.length === 0 || keys === null) {
    throw new AgentError(
      "Open Dental is not connected on this PC: run sofia-agent opendental connect --url URL --developer-key KEY --customer-key KEY",
      ExitCode.NOT_CONFIGURED,
    );
  }
  return { office: commandOffice(io, settings.endpoints, keys), settings };
}

/** Plain words for what an Open Dental failure means to the person at the keyboard. */
export function odProblemWords(error: OpenDentalError): string {
  const explained = error.explanation ? `: "${error.explanation.slice(0, 200)}"` : "";
  switch (error.code) {
    case "unauthorized":
      return `Open Dental refused the keys (401${explained}). Check both keys, and that the customer key is added and Enabled in Open Dental (Setup > Advanced Setup > API)`;
    case "permission_denied":
      return `the developer key lacks a permission this needs (401 on ${error.request}${explained})`;
    case "office_unreachable":
      return `the office cannot be reached through the Remote API: its eConnector may be stopped${explained}`;
    case "network":
    case "timeout":
    case "gateway_timeout":
    case "server_error":
      return `Open Dental could not be reached at that address (${error.code}${error.status ? ` ${error.status}` : ""}). Is Open Dental (or its API Service) running, and the port open in the firewall?`;
    case "version_too_old":
      return `this office's Open Dental is too old for ${error.feature ?? error.request}`;
    default:
      return `Open Dental answered ${error.status ?? ""} ${error.code} to ${error.request}${explained}`;
  }
}

/** The exit code an Open Dental failure ends a command with. */
export function odExitCode(error: OpenDentalError): AgentError["exitCode"] {
  if (error.code === "unauthorized" || error.code === "permission_denied") return ExitCode.REJECTED;
  return error.action === "retry" ? ExitCode.UNREACHABLE : ExitCode.FAILED;
}

/** Runs `work`, turning an Open Dental failure into the command's error and exit code. */
export async function talking<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isOdError(error)) throw new AgentError(odProblemWords(error), odExitCode(error));
    throw error;
  }
}
