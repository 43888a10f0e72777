import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { join } from "node:path";
import {
  addDoctor,
  addProducer,
  enrollAgent,
  publish,
  sampleReport,
  startTestHub,
} from "@sofia/hub/test/support/test-hub.ts";
import { PublishReportResponse } from "@sofia/protocol";
import { testDatabases } from "@sofia/testing/databases";
import { AgentHome } from "../support/agent-harness.ts";
import { OD_KEYS, startTestOffice } from "../support/od-office.ts";

const [sqlite] = testDatabases("@sofia/agent Open Dental", "od_sigkill");
const MAIN = join(import.meta.dir, "../../src/main.ts");
const REPORTS = 50;
const home = new AgentHome();
afterAll(() => home.dispose());

/** mulberry32: the kill points are random, and the seed printed, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

test("the agent process SIGKILLed at random points during 50 writes leaves exactly one note per report", async () => {
  if (!sqlite) throw new Error("no database");
  const seed = Number(process.env.SOFIA_KILL_SEED ?? Date.now() % 1_000_000);
  const random = seeded(seed);
  const hub = await startTestHub();
  const office = await startTestOffice(await sqlite.fresh());
  // A slow network in front of the office (0-40 ms per request), so kills land inside requests:
  // the office carries a write out while the agent that sent it is already dead.
  const slow = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      await Bun.sleep(random() * 40);
      const url = new URL(request.url);
      const body = request.method === "GET" ? undefined : await request.text();
      const answer = await fetch(`${office.url}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body,
      });
      return new Response(await answer.arrayBuffer(), { status: answer.status, headers: answer.headers });
    },
  });
  try {
    await addDoctor(hub, "dr-kill", "clinic-kill");
    const producer = await addProducer(hub);
    const enrolled = await enrollAgent(hub, "dr-kill", "clinic-kill");
    home.configure([hub.v2Url], enrolled.device_token);
    const setUp = [
      [
        "opendental",
        "connect",
        "--url",
        `service=http://127.0.0.1:${slow.port}/api/v1`,
        "--developer-key",
        OD_KEYS.developer,
        "--customer-key",
        OD_KEYS.all,
      ],
      [
        "opendental",
        "map",
        "--doctor",
        "dr-kill",
        "--provider",
        String(office.ids.dentist),
        "--operatories",
        String(office.ids.op1),
      ],
      ["config", "set", "opendental.patient-sources", "appointment"],
    ];
    for (const argv of setUp) expect((await home.cli(argv)).code).toBe(0);

    // All 50 reports wait at the hub; the agent is started, and killed with SIGKILL at random moments, until all are written.
    const ids: string[] = [];
    for (let i = 0; i < REPORTS; i++) {
      const response = await publish(hub, producer, {
        doctor_id: "dr-kill",
        report: sampleReport(`kill-${i}`),
        patient: { name: "Mateo Garcia", birthdate: "1979-07-30" },
      });
      ids.push(PublishReportResponse.parse(await response.json()).id);
    }
    const written = async () => {
      let n = 0;
      for (const id of ids) if ((await hub.store.reports.timeline(id)).some((e) => e.type === "written")) n++;
      return n;
    };
    let kills = 0;
    let runs = 0;
    const started = performance.now();
    while ((await written()) < REPORTS) {
      if (++runs > 200) throw new Error(`not all written after ${runs} runs (seed ${seed})`);
      const agent = Bun.spawn([process.execPath, MAIN, "run", "--home", home.dir, "--status-port", "0"], {
        stdout: "ignore",
        stderr: "ignore",
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home.dir },
      });
      // Most runs die young (during start-up or mid-write); one in six lives long enough to finish.
      const lifeMs = random() < 1 / 8 ? 3000 : 300 + random() * 1200;
      const died = await Promise.race([agent.exited.then(() => true), Bun.sleep(lifeMs).then(() => false)]);
      if (!died) {
        agent.kill("SIGKILL");
        await agent.exited;
        kills++;
      }
    }
    const elapsed = performance.now() - started;

    const notes = await office.store.select("procnote");
    const procedures = await office.store.select("procedurelog", {
      where: [{ column: "CodeNum", op: "=", value: office.ids.zclin }],
    });
    const perReport = ids.map((id) => notes.filter((n) => n.Note.includes(`Sofia report ${id} (`)).length);
    expect(perReport).toEqual(ids.map(() => 1));
    expect(procedures).toHaveLength(REPORTS); // no procedure left behind by a kill between its creation and its note
    expect(new Set(notes.map((n) => n.ProcNum)).size).toBe(notes.length);
    const state = new Database(home.paths.openDentalStateFile, { readonly: true });
    const recovered = state
      .query("SELECT rule, COUNT(*) AS n FROM audit WHERE decision = 'recovered' GROUP BY rule")
      .all();
    state.close();
    console.log(
      `SIGKILL run (seed ${seed}): ${REPORTS} reports, ${runs} agent runs, ${kills} SIGKILLs, ${notes.length} notes, ` +
        `${procedures.length} procedures, recovered after a kill: ${JSON.stringify(recovered)}, ${(elapsed / 1000).toFixed(1)} s`,
    );
    expect(kills).toBeGreaterThanOrEqual(5);
  } finally {
    await slow.stop(true);
    await office.stop();
    await hub.stop();
  }
}, 300_000);
