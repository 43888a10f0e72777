import { describe, expect, test } from "bun:test";
import { publish, sampleReport } from "@sofia/hub/test/support/test-hub.ts";
import { until } from "@sofia/testing";
import { ExitCode } from "../../src/exit-codes.ts";
import { REVIEW_REASON } from "../../src/pipeline/review-sink.ts";
import { enrollmentCode } from "../support/hub-cli.ts";
import { useHubAndAgent } from "../support/hub-fixture.ts";
import { freePort } from "../support/ports.ts";

describe("enroll, run, receive", () => {
  const s = useHubAndAgent("dr-a", "clinic-a");

  test("an enrolled agent journals a report before acknowledging it and tells the hub it is held", async () => {
    const code = await enrollmentCode(s.hub.dataDir, s.doctorId, s.clinicId);
    const enrolled = await s.home.cli(["enroll", code, "--hub", s.hub.url, "--name", "Front desk"]);
    expect(enrolled.stderr).toBe("");
    expect(enrolled.code).toBe(ExitCode.OK);
    expect(enrolled.stdout).toContain("for doctor dr-a (clinic clinic-a)");
    const agent = await s.home.start();
    await until("connected", () => agent.board.status.state === "connected");
    const published = await publish(s.hub, s.producer, { doctor_id: "dr-a", report: sampleReport("secret-finding") });
    const { id } = (await published.json()) as { id: string };
    await until("held", () => agent.journal.get(id)?.state === "held");
    expect(agent.journal.get(id)?.reason).toBe(REVIEW_REASON);
    expect(agent.journal.content(id)?.json_report.findings).toBe("findings secret-finding");
    // The hub's timeline: acknowledged (after the journal commit), received and held.
    await until("hub saw held", async () => (await s.hub.store.reports.timeline(id)).some((e) => e.type === "held"));
    const types = (await s.hub.store.reports.timeline(id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["acknowledged", "received", "held"]));
    // Reports are health data: the agent's log names the report, never its content.
    expect(s.home.logs.join("\n")).toContain(id);
    expect(s.home.logs.join("\n")).not.toContain("secret-finding");
  });

  test("enroll explains each mistake with its own exit code", async () => {
    const malformed = await s.home.cli(["enroll", "ABCD-EFGH", "--hub", s.hub.url]);
    expect(malformed.code).toBe(ExitCode.USAGE);
    expect(malformed.stderr).toContain('"ABCD-EFGH" is not an enrollment code');
    const badUrl = await s.home.cli(["enroll", "ABCD-EFGH-JKMN-PQRS", "--hub", "ftp://hub"]);
    expect(badUrl.code).toBe(ExitCode.USAGE);
    expect(badUrl.stderr).toContain("must start with https://");
    const noHub = await s.home.cli(["enroll", "ABCD-EFGH-JKMN-PQRS"]);
    expect(noHub.code).toBe(ExitCode.USAGE);
    const refused = await s.home.cli(["enroll", "ABCD-EFGH-JKMN-PQRS", "--hub", s.hub.url]);
    expect(refused.code).toBe(ExitCode.REJECTED);
    expect(refused.stderr).toContain("unknown, already used or expired");
    const unreachable = await s.home.cli(["enroll", "abcd efgh jkmn pqrs", "--hub", `http://127.0.0.1:${freePort()}`]);
    expect(unreachable.code).toBe(ExitCode.UNREACHABLE);
    expect(unreachable.stderr).toContain("could not reach the hub");
    const notConfigured = await s.home.cli(["status"]);
    expect(notConfigured.code).toBe(ExitCode.NOT_CONFIGURED);
  });
});
