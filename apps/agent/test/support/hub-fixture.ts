import { afterEach, beforeEach, expect } from "bun:test";
import { addDoctor, addProducer, startTestHub, type TestHub } from "@sofia/hub/test/support/test-hub.ts";
import { AgentHome } from "./agent-harness.ts";
import { enrollmentCode } from "./hub-cli.ts";

/**
 * What every integration test starts from: an in-process hub on an ephemeral port with one doctor
 * and a producer token, and an empty agent home. Fresh for each test; fields are set by the
 * `beforeEach` that {@link useHubAndAgent} registers.
 */
export class HubAndAgent {
  hub!: TestHub;
  home!: AgentHome;
  /** The doctor's v1 key (`sdk_…`). */
  doctorKey = "";
  /** A token that may publish reports. */
  producer = "";

  constructor(
    readonly doctorId: string,
    readonly clinicId: string,
  ) {}

  /** Enrolls the agent home with a fresh code from the real hub CLI, against `hubUrl`; must succeed. */
  async enroll(hubUrl: string = this.hub.url): Promise<void> {
    const code = await enrollmentCode(this.hub.dataDir, this.doctorId, this.clinicId);
    expect((await this.home.cli(["enroll", code, "--hub", hubUrl])).code).toBe(0);
  }
}

/**
 * Registers `beforeEach`/`afterEach` hooks that give each test of the enclosing scope a fresh
 * {@link HubAndAgent}, and stop the agent (then the hub) after it. Hooks a test file registers
 * later run after these on the way in, so they can use the hub (e.g. to put a proxy in front).
 */
export function useHubAndAgent(doctorId: string, clinicId: string): HubAndAgent {
  const fixture = new HubAndAgent(doctorId, clinicId);
  beforeEach(async () => {
    fixture.hub = await startTestHub();
    fixture.doctorKey = await addDoctor(fixture.hub, doctorId, clinicId);
    fixture.producer = await addProducer(fixture.hub);
    fixture.home = new AgentHome();
  });
  afterEach(async () => {
    await fixture.home.dispose();
    await fixture.hub.stop();
  });
  return fixture;
}
