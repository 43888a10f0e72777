import { parseArgs } from "node:util";
import { isoAt, systemClock } from "@sofia/runtime/clock";
import { UsageError } from "../config.ts";
import { type CliIo, ExitCode, withStore } from "./io.ts";

/** `sofia-hub reports revoke-links REPORT_ID`: refuses every download link of a report from now on. */
export async function reportsCommand(sub: string | undefined, args: string[], io: CliIo): Promise<number> {
  if (sub !== "revoke-links")
    throw new UsageError(`unknown command "reports ${sub ?? ""}": use "reports revoke-links"`);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "data-dir": { type: "string" } },
  });
  const [reportId] = positionals;
  if (!reportId || positionals.length > 1) throw new UsageError("give exactly one report id");
  return withStore(values["data-dir"], io, async (store) => {
    const at = isoAt(systemClock.now());
    const report = await store.reports.get(reportId);
    if (!report) {
      io.err(`No report "${reportId}".`);
      return ExitCode.FAILED;
    }
    await store.reports.revokeLinks(reportId, at);
    await store.audit.record({
      at,
      actor: "cli",
      action: "report.links_revoked",
      subject: reportId,
      clinicId: report.clinicId,
      detail: {},
    });
    io.out(`Report ${reportId}: every download link is refused from now on.`);
    return ExitCode.OK;
  });
}
