import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { exportSPKI } from "jose";
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import type { SocketAuthRefusal } from "../src/socketio/auth-middleware.ts";
import { USER_AUTH_ADVICE, type UserAuthFailure } from "../src/users/auth-failure.ts";
import { type SocketIoHost, startSocketIoHost } from "./support/socketio-host.ts";
import { AUDIENCE, ISSUER, SECRET_B, type UserAuthWorld, userAuthWorld } from "./support/user-auth-world.ts";
import { mintToken, providerKey, unsignedToken } from "./support/user-tokens.ts";

type ClientOptions = Partial<ManagerOptions & SocketOptions>;

const TRANSPORTS: [string, ClientOptions, string][] = [
  ["WebSocket only", { transports: ["websocket"] }, "websocket"],
  ["polling only", { transports: ["polling"] }, "polling"],
  ["polling with upgrade", { transports: ["polling", "websocket"] }, "websocket"],
];

let world: UserAuthWorld;
let host: SocketIoHost;
const clients: Socket[] = [];
beforeEach(async () => {
  world = await userAuthWorld();
  host = startSocketIoHost(world);
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await host.stop();
  await world.stop();
});

function client(auth: Record<string, unknown>, options: ClientOptions): Socket {
  const socket = connect(host.url, { ...options, auth, reconnection: false, forceNew: true });
  clients.push(socket);
  return socket;
}

/** Resolves when the client is connected (and upgraded, when it upgrades); rejects on connect_error. */
function connected(socket: Socket, upgrades: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect_error", reject);
    socket.once("connect", () => {
      const engine = socket.io.engine;
      if (!upgrades || engine.transport.name === "websocket") resolve();
      else engine.once("upgrade", () => resolve());
    });
  });
}

function refused(socket: Socket): Promise<{ message: string; data: SocketAuthRefusal }> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("connected")));
    socket.once("connect_error", (error) =>
      resolve({ message: error.message, data: (error as { data?: unknown }).data as SocketAuthRefusal }),
    );
  });
}

/** A plain WebSocket round trip on the host's own endpoint, next to Socket.IO. */
async function echo(text: string): Promise<string> {
  const ws = new WebSocket(`${host.url.replace("http", "ws")}/echo/ws`);
  const reply = new Promise<string>((resolve, reject) => {
    ws.onmessage = (event) => resolve(String(event.data));
    ws.onerror = () => reject(new Error("echo socket failed"));
  });
  await new Promise((resolve) => (ws.onopen = resolve));
  ws.send(text);
  const answer = await reply;
  ws.close();
  return answer;
}

describe.each(TRANSPORTS)("socket.io-client, %s", (_, options, finalTransport) => {
  test("connects with a valid token, acknowledges both ways, next to a plain WebSocket and HTTP routes", async () => {
    host.mount.io.on("connection", (socket) => {
      socket.on("whoami", (ack: (user: unknown) => void) => ack(socket.data.user));
    });
    const serverSide = new Promise<{ id: string; address: string }>((resolve) =>
      host.mount.io.once("connection", (socket) => resolve({ id: socket.id, address: socket.handshake.address })),
    );
    const token = await world.hsToken({ sub: "pharm-1", role: "pharmacist" });
    const socket = client({ token }, options);
    socket.on("prescription_status_changed", (data: { status: string }, ack: (reply: string) => void) =>
      ack(`seen ${data.status}`),
    );
    await connected(socket, finalTransport === "websocket" && options.transports?.length === 2);
    const server = await serverSide;
    expect(server.address).toBe("127.0.0.1");

    const [reply, whoami, echoed, health] = await Promise.all([
      host.mount.io.sockets.sockets
        .get(server.id)
        ?.timeout(5000)
        .emitWithAck("prescription_status_changed", { status: "ready" }),
      socket.timeout(5000).emitWithAck("whoami"),
      echo("hello"),
      fetch(`${host.url}/healthz`).then((r) => r.json()),
    ]);
    expect(reply).toBe("seen ready");
    expect(whoami).toMatchObject({ id: "pharm-1", role: "pharmacist", clinicId: "clinic-a" });
    expect(echoed).toBe("echo:hello");
    expect(health).toEqual({ ok: true });
    expect(socket.io.engine.transport.name).toBe(finalTransport);
  });

  const refusals: [string, () => Promise<Record<string, unknown>>, UserAuthFailure][] = [
    ["no token", async () => ({}), "no_token"],
    ["a token that is not a string", async () => ({ token: 42 }), "malformed"],
    ["a malformed token", async () => ({ token: "not-a-jwt" }), "malformed"],
    ["an expired token", async () => ({ token: await world.hsToken({ exp: world.nowS() - 60 }) }), "expired"],
    [
      "a token not yet valid",
      async () => ({ token: await world.hsToken({ nbf: world.nowS() + 60 }) }),
      "not_yet_valid",
    ],
    ["a wrong issuer", async () => ({ token: await world.hsToken({ iss: "https://evil.example/" }) }), "wrong_issuer"],
    ["a wrong audience", async () => ({ token: await world.hsToken({ aud: "other" }) }), "wrong_audience"],
    [
      "alg: none",
      async () => ({
        token: unsignedToken({
          sub: "u",
          role: "admin",
          clinic: "clinic-a",
          iss: ISSUER,
          aud: AUDIENCE,
          exp: world.nowS() + 60,
        }),
      }),
      "alg_not_allowed",
    ],
    [
      "HS256 signed with the RS256 public key",
      async () => {
        const secret = new TextEncoder().encode(await exportSPKI(world.keys.rs.publicKey));
        const spec = {
          sub: "u",
          role: "admin",
          clinic: "clinic-j",
          kid: "rs-1",
          iss: ISSUER,
          aud: AUDIENCE,
          exp: world.nowS() + 60,
        };
        return { token: await mintToken(secret, "HS256", spec) };
      },
      "alg_not_allowed",
    ],
    [
      "an unknown kid",
      async () => ({ token: await world.jwksToken(await providerKey("ES256", "unpublished")) }),
      "unknown_kid",
    ],
    ["another clinic's secret", async () => ({ token: await world.hsToken({}, SECRET_B) }), "bad_signature"],
  ];

  test.each(refusals)("is refused with %s", async (_, auth, reason) => {
    const refusal = await refused(client(await auth(), options));
    expect(refusal.message).toBe(reason);
    expect(refusal.data).toEqual({ reason, advice: USER_AUTH_ADVICE[reason] });
  });
});

describe("the mount's limits", () => {
  test("after 20 refusals from one address, even a valid token is turned away until the window ends", async () => {
    for (let i = 0; i < 20; i++)
      expect((await refused(client({ token: "bad" }, { transports: ["websocket"] }))).message).toBe("malformed");
    const valid = { token: await world.hsToken() };
    expect((await refused(client(valid, { transports: ["websocket"] }))).data).toEqual({
      reason: "rate_limited",
      advice: "retry_later",
    });
    world.clock.advance(60_000);
    await connected(client(valid, { transports: ["websocket"] }), false);
  });

  test("a polling POST over the message limit is refused with 413 before it is read", async () => {
    const handshake = await fetch(`${host.url}/socket.io/?EIO=4&transport=polling`).then((r) => r.text());
    const sid = JSON.parse(handshake.slice(1)).sid as string;
    // A body that passes the limit and then never ends: only a reader that stops at the limit answers.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`4${"x".repeat(host.mount.maxMessageBytes)}`));
      },
    });
    const url = `${host.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`;
    const response = await fetch(url, { method: "POST", body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
  });

  test("a WebSocket message over the limit closes the socket, though the host's frame limit is larger", async () => {
    const socket = client({ token: await world.hsToken() }, { transports: ["websocket"] });
    await connected(socket, false);
    const gone = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    socket.emit("note", "x".repeat(host.mount.maxMessageBytes));
    expect(await gone).toBe("transport close");
  });
});

describe("living with the host's server", () => {
  test("a long-poll outlives the host's HTTP idle timeout", async () => {
    await host.stop();
    host = startSocketIoHost(world, { idleTimeoutS: 1 });
    const socket = client({ token: await world.hsToken() }, { transports: ["polling"] });
    await connected(socket, false);
    const started = Date.now();
    // The client's next poll is held by the server; it must still be open when the event comes.
    const outcome = new Promise<string>((resolve) => {
      socket.once("late", (text: string) => resolve(`received ${text}`));
      socket.once("disconnect", (reason) => resolve(`disconnected (${reason}) after ${Date.now() - started} ms`));
    });
    // Bun cuts idle HTTP connections on a 4-second tick: with idleTimeout 1, at about 4 s.
    setTimeout(() => host.mount.io.emit("late", "still here"), 6000);
    expect(await outcome).toBe("received still here");
  }, 15_000);

  test.each(TRANSPORTS)(
    "closing the mount ends held long-polls, so the host stops at once; %s clients will reconnect",
    async (_, options) => {
      const socket = client({ token: await world.hsToken() }, options);
      await connected(socket, options.transports?.length === 2);
      const gone = new Promise<string>((resolve) => socket.once("disconnect", resolve));
      await host.mount.close();
      // stop(false) waits for open requests: a long-poll still held would hold it for 25 s.
      await host.server.stop(false);
      // Not "io server disconnect", after which socket.io-client would not reconnect by itself.
      expect(["transport close", "transport error"]).toContain(await gone);
    },
  );
});
