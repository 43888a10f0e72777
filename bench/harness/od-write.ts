/**
 * One end-to-end measurement: `reports` reports from `POST /v1/reports` to `written` in the hub's
 * timeline through a real agent and the Open Dental sandbox (see opendental-write.ts), with the
 * Open Dental requests each one costs. Shared by that script and the benchmark harness.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PublishReportResponse } from "@sofia/protocol";
import { until } from "@sofia/testing";
import { DOCTOR, TestClinic } from "../../apps/agent/test/support/od-clinic.ts";
import { officeClock } from "../../apps/agent/test/support/od-office.ts";
import { publish, sampleReport } from "../../apps/hub/test/support/test-hub.ts";
import { officeDateTime } from "../../apps/od-sandbox/src/clock.ts";

const GARCIA = { name: "Mateo Garcia", birthdate: "1979-07-30" };

/** Latencies (ms, sorted) of `reports` reports written through `mode`, and Open Dental requests per report. */
export async function measureOdWrite(mode: "service" | "remote", reports: number, timeoutMs = 120_000) {
  const dir = mkdtempSync(join(tmpdir(), "od-bench-"));
  let requests = 0;
  const counting = ((input: Request | string | URL, init?: RequestInit) => {
    requests++;
    return fetch(input, init);
  }) as typeof fetch;
  const clinic = await TestClinic.open({
    db: join(dir, `${mode}.sqlite`),
    protocol: "v2",
    mode,
    fetch: counting,
    ...(mode === "remote" ? { workstations: [], settings: { "patient-sources": "appointment" } } : {}),
  });
  try {
    if (mode === "service") await clinic.select(clinic.office.ids.patient("Mateo", "Garcia"));
    await clinic.agent.settled();
    const samples: number[] = [];
    const before = requests;
    for (let i = 0; i < reports; i++) {
      const started = performance.now();
      // The visit's date in the office's calendar, as Sofia gives it (without it, the agent takes
      // the office's date at the moment of publishing).
      const visitDate = officeDateTime(Date.now(), officeClock().timeZone).slice(0, 10);
      const response = await publish(clinic.hub, clinic.producer, {
        doctor_id: DOCTOR,
        report: sampleReport(`bench-${i}`),
        patient: GARCIA,
        visit_date: visitDate,
      });
      if (response.status !== 202) throw new Error(`publish answered ${response.status}`);
      const { id } = PublishReportResponse.parse(await response.json());
      await until(
        `${id} written`,
        async () => (await clinic.hub.store.reports.timeline(id)).some((e) => e.type === "written"),
        { timeoutMs, everyMs: 2 },
      );
      samples.push(performance.now() - started);
    }
    return { samples: samples.sort((a, b) => a - b), perReport: (requests - before) / reports };
  } finally {
    await clinic.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
