import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReportLayout } from "@sofia/protocol";
import { databasePath } from "../src/config.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { hubCli } from "./support/cli.ts";
import { newReport } from "./support/store-fixtures.ts";

const dataDir = mkdtempSync(join(tmpdir(), "sofia-cli-render-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const hub = hubCli(dataDir);

describe("sofia-hub clinics layout and reports revoke-links", () => {
  test("layout flags build on the clinic's current layout and print it", () => {
    expect(hub("doctors", "add", "--doctor", "dr-l", "--clinic", "clinic-l").code).toBe(0);
    const first = hub("clinics", "layout", "--clinic", "clinic-l", "--order", "diagnosis,history", "--json");
    expect(first.code).toBe(0);
    const second = hub(
      "clinics",
      "layout",
      "--clinic",
      "clinic-l",
      "--title",
      "fr:findings=Examen clinique",
      "--title",
      "recommendation=Advice",
      "--wrap",
      "60",
      "--line-endings",
      "crlf",
      "--json",
    );
    expect(second.code).toBe(0);
    const { layout } = JSON.parse(second.stdout) as { layout: unknown };
    expect(ReportLayout.parse(layout)).toEqual({
      order: ["diagnosis", "history"],
      titles: { fr: { findings: "Examen clinique" }, "*": { recommendation: "Advice" } },
      plaintextWidth: 60,
      plaintextLineEnding: "crlf",
    });
    const reset = hub("clinics", "layout", "--clinic", "clinic-l", "--reset", "--json");
    expect(JSON.parse(reset.stdout)).toEqual({ clinic_id: "clinic-l", layout: {} });
  });

  test.each([
    [["--order", "history,history"], "twice"],
    [["--order", "anamnesis"], "order"],
    [["--title", "findings"], "[LANG:]SECTION=TITLE"],
    [["--title", "fr:teeth=Dents"], 'unknown section "teeth"'],
    [["--wrap", "wide"], "plaintextWidth"],
    [["--wrap", "501"], "plaintextWidth"],
    [["--line-endings", "cr"], "plaintextLineEnding"],
  ])("%p is a usage error naming the problem and changes nothing", (flags, message) => {
    const run = hub("clinics", "layout", "--clinic", "clinic-l", ...flags);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    const unchanged = hub("clinics", "layout", "--clinic", "clinic-l", "--json");
    expect(JSON.parse(unchanged.stdout)).toEqual({ clinic_id: "clinic-l", layout: {} });
  });

  test("an unknown clinic or report is exit 1", () => {
    expect(hub("clinics", "layout", "--clinic", "nope", "--wrap", "10").code).toBe(1);
    const run = hub("reports", "revoke-links", "rep_nope");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No report "rep_nope"');
  });

  test("revoke-links marks the report and audits who did it", async () => {
    const store = await openSqliteStore(databasePath(dataDir), { thread: "inline" });
    const { report } = await store.reports.insert(newReport({ id: "rep_cli", doctorId: "dr-l", clinicId: "clinic-l" }));
    expect(report.linksRevokedAt).toBeNull();
    await store.close();
    const run = hub("reports", "revoke-links", "rep_cli");
    expect([run.code, run.stdout]).toEqual([0, "Report rep_cli: every download link is refused from now on.\n"]);
    const reopened = await openSqliteStore(databasePath(dataDir), { thread: "inline" });
    expect((await reopened.reports.get("rep_cli"))?.linksRevokedAt).not.toBeNull();
    const audit = await reopened.audit.recent(10);
    expect(audit.some((e) => e.action === "report.links_revoked" && e.subject === "rep_cli")).toBe(true);
    await reopened.close();
  });
});
