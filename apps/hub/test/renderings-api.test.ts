import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { ApiError, MAX_REPORT_TEXT_CHARS, ReportReadyMessage, ReportTimeline } from "@sofia/protocol";
import { FakeClock, TestSocket } from "@sofia/testing";
import { strFromU8, unzipSync } from "fflate";
import { addDoctor, addProducer, publish, sampleReport, startTestHub, type TestHub } from "./support/test-hub.ts";

describe("renderings through the producer API, report_ready and signed links", () => {
  let t: TestHub;
  let clock: FakeClock;
  let token: string;
  let key: string;

  beforeEach(async () => {
    clock = new FakeClock();
    t = await startTestHub({ clock });
    key = await addDoctor(t, "dr-a", "clinic-a", "Dr. Amal Haddad");
    token = await addProducer(t);
  });
  afterEach(() => t.stop());

  /** Publishes a report and returns the `report_ready` the doctor's v1 socket receives. */
  async function deliver(body: Record<string, unknown>): Promise<ReportReadyMessage> {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    const response = await publish(t, token, { doctor_id: "dr-a", report: sampleReport(), ...body });
    expect(response.status).toBe(202);
    const message = ReportReadyMessage.parse((await socket.next()).json);
    socket.close();
    return message;
  }

  const download = (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, t.url));

  test("an Arabic report arrives right to left in every inline format, with Arabic titles", async () => {
    const ready = await deliver({ language: "ar", visit_date: "2026-11-20" });
    expect(ready.html_content).toContain('lang="ar" dir="rtl"');
    expect(ready.html_content).toContain("التشخيص");
    expect(ready.rtf_report).toContain("\\rtldoc");
    expect(ready.rtf_report).toContain("\\lang1025");
    expect(ready.plaintext_report).toContain("2026-11-20");
    const timeline = ReportTimeline.parse(
      await (
        await fetch(`${t.url}/v1/reports/${ready.report_id}`, { headers: { authorization: `Bearer ${token}` } })
      ).json(),
    );
    expect([timeline.language, timeline.visit_date]).toEqual(["ar", "2026-11-20"]);
    expect(ready.visit_date).toBe("2026-11-20");
  });

  test("the default is English and the hub's date; a tag is canonicalised; a bad tag is a 400 on its field", async () => {
    const ready = await deliver({});
    expect(ready.html_content).toContain('lang="en" dir="ltr"');
    // No date from the producer: the renderings (which become the chart's note) do not guess one.
    expect(ready.plaintext_report).toContain("Visit date: (not given)");
    // The hub's UTC default is not the clinic's calendar: the agent must not compare it with the office's.
    expect(ready.visit_date).toBeUndefined();
    const fr = await deliver({ language: "FR-ca" });
    expect(fr.html_content).toContain('lang="fr-CA"');
    const bad = await publish(t, token, { doctor_id: "dr-a", report: sampleReport(), language: "not a tag" });
    expect(bad.status).toBe(400);
    expect(Object.keys(ApiError.parse(await bad.json()).error.fields ?? {})).toEqual(["language"]);
  });

  test("a clinic's layout applies to reports published after it is set", async () => {
    await t.store.directory.setReportLayout("clinic-a", {
      order: ["diagnosis"],
      titles: { "*": { diagnosis: "Assessment" } },
      plaintextLineEnding: "crlf",
    });
    const ready = await deliver({});
    expect(ready.plaintext_report).toContain("ASSESSMENT\r\n----------\r\ndiagnosis m\r\n\r\nHISTORY");
    expect(ready.html_content.indexOf('data-section="diagnosis"')).toBeLessThan(
      ready.html_content.indexOf('data-section="history"'),
    );
  });

  test("over the text limit is 413 with the field; at the limit is accepted", async () => {
    const half = "x".repeat(MAX_REPORT_TEXT_CHARS / 2);
    const over = await publish(t, token, {
      doctor_id: "dr-a",
      report: { ...sampleReport(), history: half, findings: `${half}y` },
    });
    expect(over.status).toBe(413);
    const error = ApiError.parse(await over.json()).error;
    expect(error.code).toBe("report_too_large");
    expect(Object.keys(error.fields ?? {})).toEqual(["report"]);
    const exact = { history: half, findings: half, diagnosis: "", procedure: "", recommendation: "" };
    expect((await publish(t, token, { doctor_id: "dr-a", report: exact })).status).toBe(202);
  });

  test("the signed link downloads the DOCX until it expires", async () => {
    const ready = await deliver({ language: "de" });
    const response = await download(ready.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const parts = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(strFromU8(parts["word/document.xml"] ?? new Uint8Array())).toContain("Anamnese");
    expect(strFromU8(parts["word/styles.xml"] ?? new Uint8Array())).toContain('<w:lang w:val="de"/>');
    clock.advance(15 * 60_000);
    expect((await download(ready.url)).status).toBe(403);
  });

  test("a tampered path, expiry or signature, or a revoked link, is the same 403", async () => {
    const ready = await deliver({});
    const other = await deliver({});
    const url = new URL(ready.url);
    const exp = url.searchParams.get("exp") ?? "";
    const sig = url.searchParams.get("sig") ?? "";
    const variants = [
      ready.url.replace(ready.report_id, other.report_id),
      ready.url.replace(`exp=${exp}`, `exp=${Number(exp) + 60}`),
      ready.url.replace(`sig=${sig}`, `sig=${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`),
      ready.url.replace(/[?&]sig=[^&]+/, ""),
      ready.url.replace("report.docx", "report.pdf"),
    ];
    const bodies = new Set<string>();
    for (const variant of variants) {
      const response = await download(variant);
      expect([variant, response.status]).toEqual([variant, variant.includes("report.pdf") ? 404 : 403]);
      if (response.status === 403) bodies.add(await response.text());
    }
    expect(bodies.size).toBe(1);
    expect((await download(other.url)).status).toBe(200); // its DOCX is now in the hub's cache...
    await t.store.reports.revokeLinks(other.report_id, new Date(clock.now()).toISOString());
    const revoked = await download(other.url); // ...and revocation still refuses it
    expect(revoked.status).toBe(403);
    expect(bodies.has(await revoked.text())).toBe(true);
  });
});

describe("the render time budget", () => {
  let t: TestHub;
  afterEach(() => t.stop());

  test("a report that cannot be rendered within the budget is refused with 413, and the hub carries on", async () => {
    t = await startTestHub({ extra: { render: { budgetMs: 1 } } });
    await addDoctor(t, "dr-a");
    const token = await addProducer(t);
    const big = { ...sampleReport(), history: "é{<\n".repeat(MAX_REPORT_TEXT_CHARS / 4 - 100) };
    const response = await publish(t, token, { doctor_id: "dr-a", report: big });
    expect(response.status).toBe(413);
    expect(ApiError.parse(await response.json()).error.code).toBe("render_budget_exceeded");
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect(t.logs.some((l) => l.includes("é{<"))).toBe(false);
  });
});
