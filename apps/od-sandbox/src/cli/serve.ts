import { type CliIo, ExitCode, UsageError } from "@sofia/cli";
import { MODES, parseMode } from "../api/mode.ts";
import { systemClock } from "../clock.ts";
import { seedDemoOffice } from "../demo/demo-office.ts";
import { startSandbox } from "../sandbox.ts";
import { describeDb, openStore } from "../store/open.ts";
import { formatVersion, officeVersion, parseVersion, setOfficeVersion } from "../version.ts";
import { dbOption, parseOptions, parsePort } from "./options.ts";

/** `od-sandbox serve`: runs until SIGTERM or SIGINT, then stops the server and closes the database. */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, {
    port: { type: "string" },
    host: { type: "string" },
    mode: { type: "string" },
    db: { type: "string" },
    seed: { type: "string" },
    tz: { type: "string" },
    "od-version": { type: "string" },
    "gated-fields": { type: "string" },
  });
  const mode = parseMode(values.mode ?? "local");
  if (!mode) throw new UsageError(`invalid mode "${values.mode}" (local, service, remote)`);
  if (values.seed !== undefined && values.seed !== "demo") throw new UsageError(`unknown seed "${values.seed}" (demo)`);
  const port = parsePort(values.port, MODES[mode].defaultPort);
  const version = values["od-version"] === undefined ? undefined : parseVersion(values["od-version"]);
  if (values["od-version"] !== undefined && !version) {
    throw new UsageError(`invalid Open Dental version "${values["od-version"]}" (like 24.2.29.0)`);
  }
  const gatedParts = values["gated-fields"] ?? "reject";
  if (gatedParts !== "reject" && gatedParts !== "ignore") {
    throw new UsageError(`invalid --gated-fields "${gatedParts}" (reject, ignore)`);
  }
  const timeZone = values.tz ?? io.env.OD_SANDBOX_TZ;
  if (timeZone !== undefined && !validTimeZone(timeZone)) throw new UsageError(`unknown time zone "${timeZone}"`);
  const stopRequested = new Promise<string>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  const clock = systemClock(timeZone);
  const db = dbOption(values.db, io);
  const store = await openStore(db, clock);
  if (values.seed === "demo") {
    const demo = await seedDemoOffice(store, clock);
    io.out(
      demo.created
        ? `Seeded the demo office: ${demo.patients} patients, ${demo.appointmentsToday} appointments today.`
        : "Demo office already present; not seeded again.",
    );
  }
  if (version) await setOfficeVersion(store, version);
  const sandbox = startSandbox({
    store,
    clock,
    mode,
    gatedParts,
    port,
    hostname: values.host ?? "127.0.0.1",
    // Scalars only: never a request body or patient field.
    onError: (error) => io.err(`od-sandbox error: ${error instanceof Error ? error.name : "unknown"}`),
  });
  const reported = formatVersion(await officeVersion(store));
  io.out(
    `od-sandbox listening on ${sandbox.url}/api/v1 (${mode} mode, Open Dental ${reported}, ${describeDb(db)}, office time zone ${clock.timeZone})`,
  );
  await stopRequested;
  await sandbox.stop();
  await store.close();
  return ExitCode.OK;
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
