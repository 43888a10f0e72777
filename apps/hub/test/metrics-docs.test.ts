import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { HubMetrics, renderMetricsTable } from "../src/metrics/index.ts";
import { alertRules, allQueries, dashboard, docsFile, inScrape, metricNames } from "./support/dashboards.ts";
import { parseMetrics, type Scrape } from "./support/prometheus-text.ts";
import { addDoctor, addProducer, publish, sampleReport, startTestHub, type TestHub } from "./support/test-hub.ts";

describe("the dashboard, the alerts and docs/operations.md match the hub's metrics", () => {
  let t: TestHub;
  let scrape: Scrape;
  beforeAll(async () => {
    t = await startTestHub();
    await addDoctor(t, "dr-a");
    await publish(t, await addProducer(t), { doctor_id: "dr-a", report: sampleReport() });
    const operator = (await t.admin.createProducerToken({ name: "prometheus", scopes: ["metrics:read"] })).secret;
    const response = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${operator}` } });
    scrape = parseMetrics(await response.text());
  });
  afterAll(() => t.stop());

  test("the alert rules parse as a Prometheus rule file and cover what a clinic calls about", () => {
    const rules = alertRules().groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert).sort()).toEqual([
      "SofiaAgentOffline",
      "SofiaReportHeldOverAnHour",
      "SofiaWebhookFailures",
      "SofiaWriteFailed",
    ]);
    const offline = rules.find((r) => r.alert === "SofiaAgentOffline");
    expect(offline?.for).toBe("10m");
    expect(offline?.expr).toContain("hour()"); // opening hours only
    expect(rules.find((r) => r.alert === "SofiaReportHeldOverAnHour")?.expr).toContain("> 3600");
  });

  test("every metric a dashboard panel or an alert reads is in a real scrape of the hub", () => {
    expect(dashboard().panels.length).toBeGreaterThanOrEqual(10);
    const names = new Set(allQueries().flatMap((q) => metricNames(q, "sofia_hub_")));
    expect(names.size).toBeGreaterThanOrEqual(10);
    const missing = [...names].filter((n) => !inScrape(n, scrape.families));
    expect(missing).toEqual([]);
  });

  test("every hub metric is on the dashboard", () => {
    const used = new Set(
      allQueries().flatMap((q) => metricNames(q, "sofia_hub_").map((n) => n.replace(/_(bucket|count|sum)$/, ""))),
    );
    expect([...scrape.families.keys()].filter((name) => !used.has(name))).toEqual([]);
  });

  test("docs/operations.md shows the metrics table generated from the registry", () => {
    expect(docsFile("operations.md")).toContain(renderMetricsTable(new HubMetrics().registry));
  });
});
