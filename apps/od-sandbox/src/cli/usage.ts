/** `od-sandbox --help`. */
export const USAGE = `od-sandbox: the Open Dental API (the subset Sofia uses) on SQLite or MariaDB.

Usage:
  od-sandbox serve [--port N] [--host H] [--mode local|service|remote] [--db DB] [--seed demo] [--tz ZONE]
                   [--od-version 24.2.29.0] [--gated-fields reject|ignore]
  od-sandbox keys add --developer KEY --customer KEY --permissions all|read [--name DEVNAME] [--db DB]
  od-sandbox keys disable --customer KEY [--db DB]
  od-sandbox keys enable --customer KEY [--db DB]
  od-sandbox keys list [--db DB]

DB is a SQLite file path (default ./data/od-sandbox.sqlite) or a mysql://user:pass@host:3306/name URL.
Modes: local (port 30222) and service (30223) are unthrottled with 1,000-row pages; remote (30224)
pages at 100 rows and throttles per customer key (1 request/s, or 1 per 5 s for read-only keys).
--od-version sets the version the office reports (preference ProgramVersion); methods newer than
it answer 400, and newer parameters and fields are refused (reject, default) or ignored (ignore).
The API is under /api/v1; /_sandbox/* simulates OpenDental.exe (select-patient, seat, version,
keys) and faults.`;
