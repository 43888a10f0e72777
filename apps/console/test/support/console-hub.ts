import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "@sofia/runtime/clock";
import { databasePath } from "../../../hub/src/config.ts";
import { type DemoCredentials, ensureDemoClinic } from "../../../hub/src/demo.ts";
import { AdminService } from "../../../hub/src/services/admin.ts";
import { openSqliteStore } from "../../../hub/src/store/sqlite/sqlite-store.ts";
import { startTestHub, type TestHub } from "../../../hub/test/support/test-hub.ts";
import { buildConsole } from "../../scripts/build-console.ts";

/** A hub as `serve --demo` runs it (the demo clinic, its users, the console), on an ephemeral port. */
export interface ConsoleHub {
  t: TestHub;
  demo: DemoCredentials;
  /** The console's address. */
  url: string;
  /** POSTs a report for the demo doctor as the demo producer; returns its id. */
  publishReport(marker: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the demo clinic's hub with its console. */
export async function startConsoleHub(): Promise<ConsoleHub> {
  const dataDir = mkdtempSync(join(tmpdir(), "sofia-console-test-"));
  const setup = await openSqliteStore(databasePath(dataDir), { thread: "inline" });
  const demo = await ensureDemoClinic(setup, new AdminService(setup, systemClock), dataDir);
  await setup.close();
  const assets = await buildConsole();
  const t = await startTestHub({ dataDir, extra: { console: { assets, demo } } });
  return {
    t,
    demo,
    url: `${t.url}/console/`,
    async publishReport(marker) {
      const response = await fetch(`${t.url}/v1/reports`, {
        method: "POST",
        headers: { authorization: `Bearer ${demo.producer_token}`, "content-type": "application/json" },
        body: JSON.stringify({
          doctor_id: demo.doctor_id,
          patient: { name: "Jane Doe", birthdate: "1980-04-02" },
          report: {
            history: `Pain upper right for 3 days (${marker}).`,
            findings: "Deep caries on 16.",
            diagnosis: "Irreversible pulpitis 16.",
            procedure: "Pulpectomy 16 under local anaesthesia.",
            recommendation: "Return in 1 week for obturation.",
          },
        }),
      });
      if (response.status !== 202) throw new Error(`publish: ${response.status} ${await response.text()}`);
      const body: unknown = await response.json();
      if (typeof body !== "object" || body === null || !("id" in body) || typeof body.id !== "string")
        throw new Error("publish: no id");
      return body.id;
    },
    async stop() {
      await t.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
