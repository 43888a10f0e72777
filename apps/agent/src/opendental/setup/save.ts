import type { EndpointConfig } from "@sofia/opendental";
import { readConfig, writeConfig } from "../../config/config-file.ts";
import type { AgentPaths } from "../../paths.ts";
import { OdKeyStore, type OdKeys } from "../keys.ts";
import { type DoctorMapping, odSettings } from "../settings.ts";

/** Stores the keys (protected, like the device credential) and the office's endpoints; a running agent applies them. */
export function saveConnection(
  paths: AgentPaths,
  endpoints: Required<EndpointConfig>[],
  keys: OdKeys,
  protect: boolean,
): void {
  new OdKeyStore(paths.openDentalKeysFile, protect).write(keys);
  const config = readConfig(paths.configFile);
  writeConfig(paths.configFile, { ...config, opendental: { ...odSettings(config), endpoints } });
}

/** Stores a doctor's mapping, workstation names upper-cased as Windows compares them; returns what was stored. */
export function saveMapping(paths: AgentPaths, doctor: string, m: DoctorMapping): DoctorMapping {
  const config = readConfig(paths.configFile);
  const settings = odSettings(config);
  const stored = { ...m, workstations: m.workstations.map((w) => w.toUpperCase()) };
  writeConfig(paths.configFile, {
    ...config,
    opendental: { ...settings, doctors: { ...settings.doctors, [doctor]: stored } },
  });
  return stored;
}
