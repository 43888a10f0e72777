import { hostname } from "node:os";
import { UsageError } from "@sofia/cli";
import { EnrollResponse, normalizeEnrollmentCode } from "@sofia/protocol";
import { readConfig, writeConfig } from "../config/config-file.ts";
import { AgentError, ExitCode } from "../exit-codes.ts";
import type { AgentPaths } from "../paths.ts";
import { FileCredentialStore } from "../secrets/credential-store.ts";
import { VERSION } from "../version.ts";
import { parse } from "./args.ts";
import { parseHubUrl } from "./hub-url.ts";
import type { AgentIo } from "./io.ts";

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * `sofia-agent enroll CODE --hub URL`: exchanges a one-time code for this PC's device token, stores
 * it (protected) and points the agent at the hub. A running agent picks the new credential up
 * within seconds, so enrolling again after a revocation needs no restart.
 */
export async function enrollCommand(args: string[], io: AgentIo, paths: AgentPaths): Promise<number> {
  const { values, positionals } = parse(args, { hub: { type: "string" }, name: { type: "string" } }, 1);
  const code = positionals[0];
  if (!code) throw new UsageError("enroll needs the enrollment code: sofia-agent enroll CODE --hub URL");
  if (normalizeEnrollmentCode(code) === null) {
    throw new UsageError(
      `"${code.slice(0, 40)}" is not an enrollment code: it has 16 letters and digits, like K7QM-2D9X-F4TB-8NWE`,
    );
  }
  if (!values.hub) throw new UsageError("enroll needs the hub's address: --hub https://hub.example.com");
  const hub = parseHubUrl(values.hub);
  const name = (values.name ?? hostname()).slice(0, 100) || "clinic PC";
  const body = { code, device: { name, hostname: hostname().slice(0, 255), os: io.platform, version: VERSION } };
  let response: Response;
  try {
    response = await io.fetch(`${hub.http}/v1/agents/enroll`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new AgentError(
      `could not reach the hub at ${hub.http} (${cause}). Check the address, the internet connection, and any firewall or proxy.`,
      ExitCode.UNREACHABLE,
    );
  }
  const text = (await response.text()).slice(0, MAX_ANSWER_BYTES);
  if (response.status === 401) {
    throw new AgentError(
      "the hub refused this code: it is unknown, already used or expired. Ask for a new one.",
      ExitCode.REJECTED,
    );
  }
  if (response.status !== 201) {
    throw new AgentError(
      `the hub answered ${response.status} to the enrollment: ${text.slice(0, 500)}`,
      ExitCode.FAILED,
    );
  }
  const parsed = EnrollResponse.safeParse(safeJson(text));
  if (!parsed.success) throw new AgentError(`${hub.http} did not answer like a Sofia hub`, ExitCode.FAILED);
  const enrolled = parsed.data;
  new FileCredentialStore(paths.credentialFile, io.platform === "win32").write(enrolled.device_token);
  const config = readConfig(paths.configFile);
  const device = {
    agent_id: enrolled.agent_id,
    doctor_id: enrolled.doctor_id,
    clinic_id: enrolled.clinic_id,
    name,
    hub: hub.http,
  };
  writeConfig(paths.configFile, { ...config, endpoints: [hub.endpoint], protocol: "auto", device });
  io.out(`Enrolled this PC as ${enrolled.agent_id} for doctor ${enrolled.doctor_id} (clinic ${enrolled.clinic_id}).`);
  io.out(`Endpoint: ${hub.endpoint}`);
  io.out(`Credential stored in ${paths.credentialFile}.`);
  io.out("Next: sofia-agent install   (starts it now and at every boot)");
  return ExitCode.OK;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
