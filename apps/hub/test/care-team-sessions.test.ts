import { afterEach, describe, expect, test } from "bun:test";
import { FakeClock, TestSocket, until } from "@sofia/testing";
import { exportSPKI } from "jose";
import { type CareTeamHub, socketUser, startCareTeamHub, v2User } from "./support/care-team-hub.ts";
import { mintToken, providerKey, unsignedToken } from "./support/user-tokens.ts";

/** Opens a raw v2 socket with a user's token and returns the close code (or the welcome's kind). */
async function v2Outcome(hub: CareTeamHub, credential: string): Promise<string> {
  const socket = await TestSocket.open(hub.t.v2Url);
  socket.send(JSON.stringify({ type: "auth", credential }));
  const first = (await socket.next()).json as { type: string; code?: number; message?: string };
  if (first.type === "welcome") {
    socket.close();
    return "welcome";
  }
  return `${first.code}: ${first.message}`;
}

/** Connects with socket.io-client and returns "connected" or the connect_error's reason. */
async function socketOutcome(hub: CareTeamHub, token: string | undefined, transport: "websocket" | "polling") {
  const { socket } = socketUser(hub, token ?? "", { transports: [transport] });
  if (token === undefined) socket.auth = {};
  const outcome = await new Promise<string>((resolve) => {
    socket.on("connect", () => resolve("connected"));
    socket.on("connect_error", (error) => resolve(error.message));
  });
  socket.disconnect();
  return outcome;
}

describe("care-team users' authentication on the hub, on every transport", () => {
  let hub: CareTeamHub;
  afterEach(() => hub.stop());

  test("a valid token connects; every kind of bad token is refused with its reason", async () => {
    // Thirty deliberate refusals from 127.0.0.1, over all transports: more than the hub's rate
    // limit takes (test/security/rate-limits.test.ts covers that).
    const generous = { maxFailures: 1000, windowMs: 60_000, maxSources: 100 };
    hub = await startCareTeamHub({ extra: { authLimits: { perAddress: generous, perCredential: generous } } });
    const base = { iss: "https://id.example-clinic.org/", aud: "sofia-hub", sub: "u-1", role: "patient" };
    const stranger = await providerKey("RS256", "not-published");
    const pem = await exportSPKI(hub.rsKey.publicKey);
    const cases: [string, string | undefined, string][] = [
      ["valid", await hub.token("u-1", "patient"), "ok"],
      ["no token", undefined, "no_token"],
      ["malformed", "abc.def.ghi", "malformed"],
      ["expired", await hub.token("u-1", "patient", { exp: hub.nowS() - 120 }), "expired"],
      ["not yet valid", await hub.token("u-1", "patient", { nbf: hub.nowS() + 600 }), "not_yet_valid"],
      ["wrong issuer", await hub.token("u-1", "patient", { iss: "https://evil.example/" }), "wrong_issuer"],
      ["wrong audience", await hub.token("u-1", "patient", { aud: "another-api" }), "wrong_audience"],
      ["alg none", unsignedToken({ ...base, clinic: "clinic-a", exp: hub.nowS() + 600 }), "alg_not_allowed"],
      [
        "HS256 signed with the RS256 public key",
        await mintToken(new TextEncoder().encode(pem), "HS256", {
          ...base,
          clinic: "clinic-j",
          kid: "rs-1",
          exp: hub.nowS() + 600,
        }),
        "alg_not_allowed",
      ],
      [
        "unknown kid",
        await mintToken(stranger.privateKey, "RS256", {
          ...base,
          clinic: "clinic-j",
          kid: "not-published",
          exp: hub.nowS() + 600,
        }),
        "unknown_kid",
      ],
      [
        "another clinic's secret",
        await hub.token("u-1", "patient", {}, "clinic-b-shared-secret-fedcba9876543210"),
        "bad_signature",
      ],
    ];
    for (const [name, token, reason] of cases) {
      const expectedV2 =
        reason === "ok"
          ? "welcome"
          : reason === "expired"
            ? `4102: authentication failed: expired`
            : `4100: authentication failed: ${reason}`;
      if (token !== undefined) expect([name, await v2Outcome(hub, token)]).toEqual([name, expectedV2]);
      for (const transport of ["websocket", "polling"] as const) {
        expect([name, transport, await socketOutcome(hub, token, transport)]).toEqual([
          name,
          transport,
          reason === "ok" ? "connected" : reason,
        ]);
      }
    }
  }, 30_000);

  test("a token expiring mid-connection ends it with 4102 unless a refresh came first", async () => {
    const clock = new FakeClock(Date.parse("2026-12-02T09:00:00Z"));
    hub = await startCareTeamHub({ clock });
    const renewed = v2User(hub, await hub.token("dr-ada", "doctor", { exp: hub.nowS() + 120 }));
    const lapsed = v2User(hub, await hub.token("ph-1", "pharmacist", { exp: hub.nowS() + 120 }));
    await renewed.client.start();
    await lapsed.client.start();
    await until("both connected", () => renewed.client.state === "connected" && lapsed.client.state === "connected");
    renewed.client.request({ type: "refresh", token: await hub.token("dr-ada", "doctor", { exp: hub.nowS() + 3600 }) });
    await until("the refresh is confirmed", () => renewed.messages.some((m) => m.type === "refreshed"));
    clock.advance(121_000);
    await until("the lapsed connection is closed with 4102", () =>
      lapsed.events.some((e) => e.type === "closed" && e.code === 4102),
    );
    expect(renewed.events.some((e) => e.type === "closed")).toBe(false);
    // Another user's token is no refresh.
    renewed.client.request({ type: "refresh", token: await hub.token("someone-else", "doctor") });
    await until("it is refused", () =>
      renewed.events.some((e) => e.type === "error" && e.message.includes("other_user")),
    );
    renewed.client.stop();
    lapsed.client.stop();
  });

  test("presence: colleagues see who comes online and goes; patients see no one", async () => {
    hub = await startCareTeamHub();
    const doctor = v2User(hub, await hub.token("dr-ada", "doctor"));
    const patient = v2User(hub, await hub.token("pat-1", "patient"));
    await doctor.client.start();
    await patient.client.start();
    await until("both connected", () => doctor.client.state === "connected" && patient.client.state === "connected");
    const pharmacist = socketUser(hub, await hub.token("ph-1", "pharmacist"));
    await until("the doctor sees the pharmacist come online", () =>
      doctor.messages.some((m) => m.type === "presence" && m.users.some((u) => u.user_id === "ph-1" && u.online)),
    );
    await until("the pharmacist got the list it may see", () =>
      pharmacist.received.some((r) => r.event === "presence"),
    );
    const list = pharmacist.received.find((r) => r.event === "presence")?.data as { users: { user_id: string }[] };
    expect(list.users.map((u) => u.user_id)).toEqual(["dr-ada"]);
    pharmacist.socket.disconnect();
    await until("the doctor sees the pharmacist leave", () =>
      doctor.messages.some((m) => m.type === "presence" && m.users.some((u) => u.user_id === "ph-1" && !u.online)),
    );
    const patientSaw = patient.messages
      .filter((m) => m.type === "presence")
      .flatMap((m) => (m.type === "presence" ? m.users : []));
    expect(patientSaw).toEqual([]);
    doctor.client.stop();
    patient.client.stop();
  });
});
