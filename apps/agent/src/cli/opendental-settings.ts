import { UsageError } from "@sofia/cli";
import type { AgentConfig } from "../config/schema.ts";
import { OpenDentalSettings, odSettings, PATIENT_SOURCES, PatientSource } from "../opendental/settings.ts";

/** The `opendental.*` settings `config get/set/list` handles, as clinics are told them. */
export const OD_SETTINGS = [
  "patient-sources",
  "note-code",
  "signed",
  "attach-docx",
  "write-as",
  "selection-max-age",
  "chair-binding",
  "chair-binding-window",
  "review",
  "events-port",
  "events-host",
] as const;
export type OdSetting = (typeof OD_SETTINGS)[number];

/** The help lines of these settings, for `sofia-agent config --help`. */
export const OD_SETTINGS_HELP = `      opendental.patient-sources  ui-event,program-link,appointment  where the chair's patient comes from, preferred first
      opendental.note-code        Zclin         the clinical-note procedure code
      opendental.signed           false | true  true signs in the API developer's name, not the dentist's
      opendental.attach-docx      false | true  also upload the report's Word document to Images
      opendental.write-as         procnote | commlog
      opendental.selection-max-age  240 | 90m | 4h  a selection older than this no longer counts
      opendental.chair-binding    confirm | auto  reports without patient identifiers
      opendental.chair-binding-window  15 | 20m  auto: minutes the one patient must have been in the chair
      opendental.review           when-uncertain | always
      opendental.events-port      17381         this PC's port for PatientSelected events and the Program Link
      opendental.events-host      default | NAME  the address other workstations post events to`;

/** The setting an `opendental.`-prefixed name names, or a usage error listing them. */
export function odSettingNamed(name: string): OdSetting {
  const key = OD_SETTINGS.find((s) => `opendental.${s}` === name);
  if (!key)
    throw new UsageError(
      `unknown setting "${name}"; Open Dental settings: ${OD_SETTINGS.map((s) => `opendental.${s}`).join(", ")}`,
    );
  return key;
}

/** `config` with an Open Dental setting set from its text, or a usage error saying what is allowed. */
export function applyOdSetting(key: OdSetting, value: string, config: AgentConfig): AgentConfig {
  const settings = { ...odSettings(config), [key]: parseValue(key, value.trim()) };
  const parsed = OpenDentalSettings.safeParse(settings);
  if (!parsed.success) throw new UsageError(`opendental.${key}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return { ...config, opendental: parsed.data };
}

/** The setting's value as `config get` prints it (the same text `config set` takes). */
export function showOdSetting(key: OdSetting, config: AgentConfig): string {
  const value = odSettings(config)[key];
  if (Array.isArray(value)) return value.join(",");
  if (value === null) return "default";
  return String(value);
}

function parseValue(key: OdSetting, value: string): unknown {
  switch (key) {
    case "patient-sources": {
      const list = value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      for (const item of list) {
        if (!PatientSource.safeParse(item).success) {
          throw new UsageError(
            `opendental.patient-sources: "${item}" is not a source; sources: ${PATIENT_SOURCES.join(", ")}`,
          );
        }
      }
      if (list.length === 0 || new Set(list).size !== list.length) {
        throw new UsageError(
          "opendental.patient-sources: list each source once, preferred first, e.g. ui-event,appointment",
        );
      }
      return list;
    }
    case "note-code":
      if (!/^[A-Za-z0-9.~-]{1,15}$/.test(value))
        throw new UsageError("opendental.note-code: a procedure code such as Zclin or N4117");
      return value;
    case "signed":
    case "attach-docx":
      return yesNo(key, value);
    case "selection-max-age":
      return minutes(key, value, 24 * 60);
    case "chair-binding-window":
      return minutes(key, value, 240);
    case "events-port": {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port < 1 || port > 65_535) throw new UsageError("opendental.events-port is 1-65535");
      return port;
    }
    case "events-host":
      if (value === "" || value === "default") return null;
      if (!/^[A-Za-z0-9][A-Za-z0-9.:-]{0,252}$/.test(value))
        throw new UsageError("opendental.events-host: a machine name or IP address, or default");
      return value;
    case "write-as":
    case "chair-binding":
    case "review": {
      const allowed = {
        "write-as": ["procnote", "commlog"],
        "chair-binding": ["confirm", "auto"],
        review: ["when-uncertain", "always"],
      }[key];
      if (!allowed.includes(value)) throw new UsageError(`opendental.${key} is ${allowed.join(" or ")}`);
      return value;
    }
  }
}

function yesNo(key: OdSetting, value: string): boolean {
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new UsageError(`opendental.${key} is true or false`);
}

/** "240", "90m", "4h" → minutes, within 1..max. */
function minutes(key: OdSetting, value: string, max: number): number {
  const match = /^(\d{1,5})\s*(m|min|h)?$/i.exec(value);
  const n = match ? Number(match[1]) * (match[2]?.toLowerCase() === "h" ? 60 : 1) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`opendental.${key} is 1 to ${max} minutes, e.g. 90m or 4h`);
  return n;
}
