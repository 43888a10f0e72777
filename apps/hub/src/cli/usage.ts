import { fullHelp, type ProgramHelp } from "@sofia/cli";

/** `sofia-hub --help`, and `sofia-hub COMMAND --help` for one command. */
export const HELP: ProgramHelp = {
  intro: `sofia-hub: the Sofia Bridge cloud service

Usage: sofia-hub <command> [options]   (from a checkout: npx sofia-hub …, or npm run -s hub -- …)`,
  commands: {
    serve: `  serve [--port N] [--host H] [--data-dir DIR] [--public-url URL] [--retention-days D]
        [--link-ttl-minutes M] [--trust-proxy] [--allow-local-webhooks] [--compress-frames] [--demo]
      Run the hub (port 8080 or PORT; data in ./data or SOFIA_DATA_DIR; v2 retention 30 days;
      signed download links live 15 minutes).
      --trust-proxy takes client addresses (for rate limits, audit) from X-Forwarded-For's last entry.
      --allow-local-webhooks lets webhooks call loopback and private addresses (development only).
      --compress-frames compresses socket frames of 1 KiB and more for clients that offer it
        (permessage-deflate): half the bytes per report, more hub CPU per report.
      --demo creates a demo clinic, doctor and producer token if missing and prints them.`,
    doctors: `  doctors add --doctor ID --clinic ID [--name NAME] [--clinic-name NAME] [--json]
      Create a doctor and print its doctor_key once (only a hash is stored).
  doctors list [--json]`,
    keys: `  keys create --doctor ID [--json]      Issue another doctor_key (for rotation).
  keys list [--doctor ID] [--json]      List credentials (ids, never secrets).
  keys revoke KEY_ID                    Revoke a doctor key, device token or producer token;
                                        its live sockets close within a second.`,
    tokens: `  tokens create --name NAME --scope reports:publish|reports:read|notifications:publish
        (--clinic ID | --all-clinics) [--json]
      Create a producer token and print it once: confined to one clinic's doctors, reports and
      users, or, on purpose, serving every clinic.
  tokens create --name NAME --operator [--json]
      An operator token: reads GET /metrics (scope metrics:read, every clinic) and nothing else.`,
    agents: `  agents enroll --clinic ID --doctor ID [--ttl-hours H] [--json]
      Print a one-time code (24 h) that a Sofia agent exchanges for its device token
      (on the clinic PC: sofia-agent enroll CODE --hub URL).
  agents list [--json]`,
    clinics: `  clinics set --clinic ID --multiple-agents on|off
      Allow several agents per doctor (e.g. one per operatory PC), or one at a time (default).
  clinics layout --clinic ID [--order SECTION,...] [--title [LANG:]SECTION=TITLE]...
        [--wrap N] [--line-endings lf|crlf] [--reset] [--json]
      How the clinic's reports are rendered from now on: sections listed first (the others
      follow), titles per language (no LANG: every language), plain-text width (0: no wrap)
      and line endings. Sections: history, findings, diagnosis, procedure, recommendation.
  clinics auth --clinic ID --issuer ISS --audience AUD (--secret-env VAR | --jwks-url URL)
        [--algorithms RS256,ES256,EdDSA] [--clock-skew SECONDS] [--dev]
  clinics auth --clinic ID --show [--json] | --off
      How the clinic's care-team users' JWTs are verified: an HS256 secret read from the
      environment variable VAR (never on the command line), or the identity provider's JWKS.
      --dev allows an http JWKS URL on this machine. --off: the clinic has no users.
  clinics origins --clinic ID (--allow ORIGIN [--allow ORIGIN]... | --none) [--json]
      The web origins (https://app.example.com) whose pages may connect for the clinic; default
      none. Clients that send no Origin (agents, servers) are not affected.`,
    reports: `  reports revoke-links REPORT_ID
      Refuse every download link of a report from now on (403), e.g. if a link leaked.`,
    version: "  --version",
  },
  outro: `Every command takes --data-dir DIR. With --json a command prints one JSON object on stdout and nothing else.
Exit codes: 0 done, 1 could not be done (not found, already exists, port in use), 2 wrong usage.`,
};

/** The whole help text. */
export const USAGE = fullHelp(HELP);
