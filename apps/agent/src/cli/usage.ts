/** `sofia-agent --help`. */
export const USAGE = `sofia-agent: receives Sofia's clinical reports on this PC

Usage:
  sofia-agent enroll CODE --hub URL [--name NAME]   exchange an enrollment code for this PC's credential
  sofia-agent install [--dry-run]                   start at boot (systemd / launchd / Task Scheduler) and now
  sofia-agent uninstall [--dry-run]                 stop and remove the boot service (keeps data)
  sofia-agent status [--json]                       installed? running? connected? queue? status-page link
  sofia-agent config get KEY | set KEY VALUE | list settings; a running agent applies them within seconds
  sofia-agent logs [--lines N] [--follow]           the agent's log (JSON lines, no report content)
  sofia-agent run [--status-port N]                 run in the foreground (what the service runs)
  sofia-agent --version

Settings (config set KEY VALUE):
  endpoint      wss://hub.example.com/v2/ws   (replaces the list)
  endpoints     URL1,URL2,…                   tried in order
  protocol      auto | v1 | v2                (auto: v1 for …/reports/ws, else v2)
  credential    sdt_… or a v1 doctor key      (stored protected, never printed)
  status-port   1-65535                       the local status page (default 17380)
  log-level     debug | info | warn | error

Every command takes --home DIR to keep all files in DIR (default: the system locations).`;
