import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildConsole } from "@sofia/console/build";
import { systemClock } from "@sofia/runtime/clock";
import { createLogger, type Logger, parseLogLevel } from "@sofia/runtime/log";
import {
  databasePath,
  loadSigningSecret,
  parseLinkTtlMinutes,
  parsePort,
  parseRetentionDays,
  resolveDataDir,
} from "../config.ts";
import { octal, tightenDataFiles } from "../data-files.ts";
import { consoleBanner, demoBanner, ensureDemoClinic } from "../demo.ts";
import { startHub } from "../hub.ts";
import { AdminService } from "../services/admin.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import { type CliIo, ExitCode } from "./io.ts";

/**
 * `sofia-hub serve`: runs until SIGTERM or SIGINT, then closes every socket with 1001, finishes
 * in-flight requests and closes the store. Nothing is lost: every accepted report was already
 * committed before its `202`.
 */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      "public-url": { type: "string" },
      "retention-days": { type: "string" },
      "link-ttl-minutes": { type: "string" },
      demo: { type: "boolean", default: false },
      "allow-local-webhooks": { type: "boolean", default: false },
      "trust-proxy": { type: "boolean", default: false },
      "compress-frames": { type: "boolean", default: false },
    },
  });
  // Listen for signals before anything else, so a SIGTERM during start-up also ends cleanly.
  const stopRequested = new Promise<string>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  const port = parsePort(values.port ?? io.env.PORT, 8080);
  const dataDir = resolveDataDir(values["data-dir"], io.env);
  // Owner-only: the directory holds report text, patient data and secrets (a directory that
  // already exists keeps its mode, and is reported below if it is wider).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const log = createLogger({ level: parseLogLevel(io.env.SOFIA_LOG_LEVEL) });
  warnAboutWideModes(dataDir, log);
  const store = await openSqliteStore(databasePath(dataDir), { thread: "worker" });
  const demo = values.demo ? await ensureDemoClinic(store, new AdminService(store, systemClock), dataDir) : null;
  const publicUrl = values["public-url"] ?? io.env.SOFIA_PUBLIC_URL;
  const retentionDays = parseRetentionDays(values["retention-days"] ?? io.env.SOFIA_RETENTION_DAYS);
  const linkTtlMinutes = parseLinkTtlMinutes(values["link-ttl-minutes"] ?? io.env.SOFIA_LINK_TTL_MINUTES);
  let hub: Awaited<ReturnType<typeof startHub>>;
  try {
    // Built from its sources at every start: the console served is always this hub's own.
    const consoleAssets = await buildConsole();
    hub = await startHub({
      store,
      port,
      hostname: values.host ?? io.env.HOST ?? "0.0.0.0",
      signingSecret: loadSigningSecret(dataDir, io.env),
      log,
      retentionMs: retentionDays * 24 * 60 * 60 * 1000,
      linkTtlMs: linkTtlMinutes * 60_000,
      trustProxy: values["trust-proxy"] || io.env.SOFIA_TRUST_PROXY === "true",
      compressFrames: values["compress-frames"] || io.env.SOFIA_COMPRESS_FRAMES === "true",
      webhooks: { allowLocalTargets: values["allow-local-webhooks"] || io.env.SOFIA_ALLOW_LOCAL_WEBHOOKS === "true" },
      console: { assets: consoleAssets, demo },
      ...(publicUrl ? { publicUrl } : {}),
    });
  } catch (error) {
    await store.close();
    if (isAddressInUse(error)) {
      io.err(`sofia-hub: port ${port} is in use (another sofia-hub running?). Choose another with --port N or PORT.`);
      return ExitCode.FAILED;
    }
    throw error;
  }
  io.out(`sofia-hub listening on ${hub.url} (data in ${dataDir})`);
  if (demo) io.out(demoBanner(demo, hub.url, dataDir));
  io.out(consoleBanner(hub.url, demo !== null));

  const signal = await stopRequested;
  log.info("shutting down", { signal });
  await hub.stop();
  await store.close();
  return ExitCode.OK;
}

/** Whether `error` is the listener refusing a port another process holds (Bun says EADDRINUSE). */
function isAddressInUse(error: unknown): boolean {
  if (error && typeof error === "object" && "code" in error && error.code === "EADDRINUSE") return true;
  return error instanceof Error && /EADDRINUSE|port \d+ in use/i.test(error.message);
}

/** Tells the operator about data files other local users could read (and that files were made private). */
function warnAboutWideModes(dataDir: string, log: Logger): void {
  for (const wide of tightenDataFiles(dataDir)) {
    if (wide.path === dataDir) {
      log.warn("the data directory is open to other local users; run: chmod 700 <dir>", {
        path: wide.path,
        mode: octal(wide.mode),
      });
    } else {
      log.warn(
        wide.tightened
          ? "a data file was readable by other local users; it is now 0600"
          : "a data file is readable by other local users and could not be made 0600",
        { path: wide.path, mode: octal(wide.mode) },
      );
    }
  }
}
