import type { ProgramHelp } from "@sofia/cli";
import { OD_SETTINGS_HELP } from "./opendental-settings.ts";
import { SETTINGS_HELP } from "./settings.ts";

/** `sofia-agent --help`, and `sofia-agent COMMAND --help` for one command. */
export const HELP: ProgramHelp = {
  intro: `sofia-agent: receives Sofia's clinical reports on this PC

Usage: sofia-agent <command> [options]`,
  commands: {
    enroll: `  sofia-agent enroll CODE --hub URL [--name NAME]
      Exchange a one-time enrollment code (from: sofia-hub agents enroll) for this PC's
      credential, store it protected, and point the agent at the hub.`,
    install: `  sofia-agent install [--dry-run]
      Start at boot (systemd / launchd / Task Scheduler) and now. --dry-run prints the files
      and commands without changing anything.`,
    uninstall: `  sofia-agent uninstall [--dry-run]
      Stop the agent and remove the boot entry. Settings, credential and journal are kept.`,
    status: `  sofia-agent status [--json]
      Installed (as the service manager sees it)? running? connected? queue? status-page link.`,
    config: `  sofia-agent config get KEY | set KEY VALUE | list
      Settings; a running agent applies a change within seconds, without a restart.
${SETTINGS_HELP}
${OD_SETTINGS_HELP}`,
    opendental: `  sofia-agent opendental connect --url URL --developer-key KEY --customer-key KEY [--json]
      Check the keys with read-only calls, store them protected (never printed back) and show the
      office: version, providers, operatories, workstations. URL: the API Service
      (http://SERVER:30223), the Local API (http://localhost:30222) or remote; several, comma-separated,
      are tried in order.
  sofia-agent opendental map --doctor DOCTOR_ID --provider PROVNUM [--operatories N,N] [--workstations NAME,NAME]
      Which Open Dental provider, operatories and workstations are this doctor's. --remove forgets it.
  sofia-agent opendental status [--json]
      Reachable or not and why, version and gated features, mappings, current patient per workstation.`,
    "select-patient": `  sofia-agent select-patient PATNUM [--workstation NAME] [--port N]
      For Open Dental's Program Link button (arguments: select-patient [PatNum]): tells the agent on
      this PC which patient is in this workstation's chair.`,
    logs: `  sofia-agent logs [--lines N] [--follow]
      The agent's log (JSON lines, no report content).`,
    run: `  sofia-agent run [--status-port N]
      Run in the foreground (what the boot service runs).`,
    version: `  sofia-agent --version`,
  },
  outro: `Every command takes --home DIR to keep all files in DIR, or --config-dir DIR and --state-dir DIR
for each part (default: the system locations; also SOFIA_AGENT_HOME, SOFIA_AGENT_CONFIG_DIR,
SOFIA_AGENT_STATE_DIR). Exit codes: 0 done, 1 failed, 2 wrong usage, 3 not enrolled, 4 hub
unreachable, 5 refused by the hub, 6 needs administrator rights.`,
};
