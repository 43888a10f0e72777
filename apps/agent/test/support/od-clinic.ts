import {
  addDoctor,
  addProducer,
  enrollAgent,
  publish,
  sampleReport,
  startTestHub,
  type TestHub,
} from "@sofia/hub/test/support/test-hub.ts";
import { type Patient, PublishReportResponse, type ReportEvent, ReportTimeline } from "@sofia/protocol";
import { until } from "@sofia/testing";
import type { RunningAgent } from "../../src/agent.ts";
import { AgentHome } from "./agent-harness.ts";
import { OD_KEYS, startTestOffice, type TestOffice } from "./od-office.ts";
import { freePort } from "./ports.ts";

export const DOCTOR = "dr-od";
export const CLINIC = "clinic-od";
/** This PC's machine name in the tests: a server, not one of the office's workstations. */
export const THIS_PC = "CLINIC-SERVER";

/** How a test clinic is set up. */
export interface ClinicOptions {
  db: string;
  protocol: "v1" | "v2";
  /** How the agent reaches the office (default `service`). */
  mode?: "local" | "service" | "remote";
  version?: string;
  /** `config set opendental.KEY VALUE` before the agent starts. */
  settings?: Record<string, string>;
  /** The doctor's workstations (default OP1-PC) and operatories (default OP1). */
  workstations?: string[];
  operatories?: (office: TestOffice) => number[];
  odTimeoutMs?: number;
  /** The agent's fetch (to count what it sends). */
  fetch?: typeof fetch;
  /** How much shorter than the real 60 s the office's gateway timeout is (default 1/1000). */
  waitScale?: number;
}

/** Retries a few milliseconds apart instead of 30 s, doubling, as in production. */
export const QUICK_RETRY = { maxAttempts: 8, firstDelayMs: 40, maxDelayMs: 400 };

/**
 * A clinic in a test: the hub (in-process, real sockets), the demo Open Dental office (the sandbox
 * over real HTTP), and the agent connected to both with the commands a clinic's IT person runs —
 * `opendental connect`, `opendental map`, `config set`. The doctor is mapped to DOC1, OP1 and the
 * OP1-PC workstation, whose PatientSelected subscription the agent has registered.
 */
export class TestClinic {
  hub!: TestHub;
  office!: TestOffice;
  home = new AgentHome();
  agent!: RunningAgent;
  producer = "";
  doctorKey = "";

  private constructor(readonly options: ClinicOptions) {}

  static async open(options: ClinicOptions): Promise<TestClinic> {
    const clinic = new TestClinic(options);
    await clinic.setUp();
    return clinic;
  }

  private async setUp(): Promise<void> {
    const o = this.options;
    this.hub = await startTestHub();
    this.doctorKey = await addDoctor(this.hub, DOCTOR, CLINIC);
    this.producer = await addProducer(this.hub);
    this.office = await startTestOffice(o.db, {
      ...(o.mode ? { mode: o.mode } : {}),
      ...(o.version ? { version: o.version } : {}),
    });
    if (o.protocol === "v2") {
      const enrolled = await enrollAgent(this.hub, DOCTOR, CLINIC);
      this.home.configure([this.hub.v2Url], enrolled.device_token);
    } else this.home.configure([this.hub.wsUrl], this.doctorKey);
    const url = `${o.mode ?? "service"}=${this.office.apiUrl}`;
    await this.cli([
      "opendental",
      "connect",
      "--url",
      url,
      "--developer-key",
      OD_KEYS.developer,
      "--customer-key",
      OD_KEYS.all,
    ]);
    const ops = (o.operatories ?? ((office: TestOffice) => [office.ids.op1]))(this.office);
    const stations = o.workstations ?? ["OP1-PC"];
    await this.cli([
      "opendental",
      "map",
      "--doctor",
      DOCTOR,
      "--provider",
      String(this.office.ids.dentist),
      ...(ops.length ? ["--operatories", ops.join(",")] : []),
      ...(stations.length ? ["--workstations", stations.join(",")] : []),
    ]);
    const settings = { "events-port": String(freePort()), "events-host": "127.0.0.1", ...o.settings };
    for (const [key, value] of Object.entries(settings)) await this.cli(["config", "set", `opendental.${key}`, value]);
    await this.start();
  }

  /** Runs a CLI command against the agent's home; fails the test unless it succeeds. */
  async cli(argv: string[]): Promise<string> {
    const result = await this.home.cli(argv);
    if (result.code !== 0 || result.stderr !== "") {
      throw new Error(`sofia-agent ${argv.join(" ")} exited ${result.code}: ${result.stderr}`);
    }
    return result.stdout;
  }

  /** Starts (or restarts) the agent and waits until it is connected and subscribed. */
  async start(): Promise<RunningAgent> {
    this.agent = await this.home.start({
      thisPc: THIS_PC,
      retry: QUICK_RETRY,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.odTimeoutMs !== undefined ? { odTimeoutMs: this.options.odTimeoutMs } : {}),
    });
    await until("connected to the hub", () => this.agent.board.status.state === "connected");
    if ((this.options.workstations ?? ["OP1-PC"]).length > 0) {
      await until(
        "PatientSelected subscriptions registered",
        () => this.agent.openDental.chairFeed().syncedAt !== null,
        {
          timeoutMs: 20_000,
        },
      );
    }
    return this.agent;
  }

  /** A user selects `patNum` in OpenDental.exe on `workstation`; the event must reach the agent. */
  async select(patNum: number, workstation = "OP1-PC"): Promise<void> {
    const result = (await this.office.control("/select-patient", "POST", {
      PatNum: patNum,
      Workstation: workstation,
    })) as {
      fired: boolean;
      deliveries: { status?: number }[];
    };
    if (result.fired && result.deliveries.some((d) => d.status === undefined))
      throw new Error("an event was not delivered");
    await until("the selection recorded", () =>
      this.agent.openDental.selections.current().some((s) => s.workstation === workstation && s.patNum === patNum),
    );
  }

  /** Publishes a report for the doctor through the producer API; returns its id. */
  async publish(patient: Patient | undefined, marker = crypto.randomUUID().slice(0, 8)): Promise<string> {
    const response = await publish(this.hub, this.producer, {
      doctor_id: DOCTOR,
      report: sampleReport(marker),
      ...(patient ? { patient } : {}),
    });
    if (response.status !== 202) throw new Error(`publish answered ${response.status}`);
    return PublishReportResponse.parse(await response.json()).id;
  }

  /** The report's timeline as the producer reads it: `GET /v1/reports/:id`. */
  async timeline(reportId: string): Promise<ReportTimeline> {
    const response = await fetch(`${this.hub.url}/v1/reports/${reportId}`, {
      headers: { authorization: `Bearer ${this.producer}` },
    });
    return ReportTimeline.parse(await response.json());
  }

  /** Waits until the journal has settled the report (written, held or dead) and returns its entry. */
  async settled(reportId: string, timeoutMs = 20_000) {
    await until(
      `report ${reportId} settled`,
      async () => {
        await this.agent.settled();
        const state = this.agent.journal.get(reportId)?.state;
        return state === "written" || state === "held" || state === "dead";
      },
      { timeoutMs },
    );
    const entry = this.agent.journal.get(reportId);
    if (!entry) throw new Error(`no ${reportId}`);
    return entry;
  }

  /** Waits until the hub's timeline shows the client status `type` (v2) and returns that event. */
  async statusAtHub(reportId: string, type: "received" | "written" | "held" | "failed"): Promise<ReportEvent> {
    let event: ReportEvent | undefined;
    await until(`${type} in the timeline of ${reportId}`, async () => {
      event = (await this.timeline(reportId)).events.find((e) => e.type === type);
      return event !== undefined;
    });
    if (!event) throw new Error("unreachable");
    return event;
  }

  async close(): Promise<void> {
    await this.home.dispose();
    await this.office.stop();
    await this.hub.stop();
  }
}
