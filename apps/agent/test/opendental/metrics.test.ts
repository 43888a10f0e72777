import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderMetricsTable } from "@sofia/hub/src/metrics/markdown.ts";
import { allQueries, inScrape, metricNames } from "@sofia/hub/test/support/dashboards.ts";
import { labelValues, parseMetrics, sampleValue } from "@sofia/hub/test/support/prometheus-text.ts";
import { testDatabases } from "@sofia/testing/databases";
import { AgentMetrics } from "../../src/metrics/agent-metrics.ts";
import { TestClinic } from "../support/od-clinic.ts";

const [sqlite] = testDatabases("@sofia/agent metrics", "od_metrics");
let clinic: TestClinic | null = null;
afterEach(async () => {
  await clinic?.close();
  clinic = null;
});

const MARKER = "WOMBAT4412";
const GARCIA = { name: "Mateo Garcia", birthdate: "1979-07-30" };

describe("the agent's GET /metrics", () => {
  test("with the status page's key only; after a report settles: journal, Open Dental, heartbeat, no patient data", async () => {
    if (!sqlite) throw new Error("no database");
    const c = await TestClinic.open({ db: await sqlite.fresh(), protocol: "v2" });
    clinic = c;
    await c.select(c.office.ids.patient("Mateo", "Garcia"));
    const id = await c.publish(GARCIA, MARKER);
    const { state } = await c.settled(id);
    expect(state).toBe("written");
    const url = `${c.agent.status.url}/metrics`;
    const key = readFileSync(c.home.paths.statusSecretFile, "utf8").trim();
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${key.slice(0, -3)}xyz` } })).status).toBe(401);
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    const m = parseMetrics(text);
    expect(sampleValue(m, "sofia_agent_reports", { state: "written" })).toBe(1);
    expect(sampleValue(m, "sofia_agent_reports")).toBe(1);
    expect(sampleValue(m, "sofia_agent_connected")).toBe(1);
    // The hub has been heard (the welcome, the delivery): the age is a sample, a few seconds at most.
    const age = Number(/^sofia_agent_heartbeat_age_seconds (\S+)$/m.exec(text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(30);
    expect(sampleValue(m, "sofia_agent_opendental_request_seconds", { outcome: "2xx" })).toBeGreaterThan(0);
    for (const secret of [MARKER, "Mateo", "Garcia", "1979", id]) expect(text).not.toContain(secret);
    expect(
      [...(labelValues(m).get("method") ?? [])].every((v) => ["GET", "POST", "PUT", "DELETE", "other"].includes(v)),
    ).toBe(true);
    // Every agent metric the dashboard and the alerts read is in this real scrape.
    const names = new Set(allQueries().flatMap((q) => metricNames(q, "sofia_agent_")));
    expect(names.size).toBeGreaterThan(0);
    expect([...names].filter((n) => !inScrape(n, m.families))).toEqual([]);
  }, 60_000);

  test("docs/operations.md shows the agent's metrics table generated from its registry", () => {
    const doc = readFileSync(join(import.meta.dir, "..", "..", "..", "..", "docs", "operations.md"), "utf8");
    expect(doc).toContain(renderMetricsTable(new AgentMetrics().registry));
  });
});
