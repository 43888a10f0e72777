import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@sofia/runtime/log";
import { FakeClock, fakeSockets } from "@sofia/testing";
import { readConfig, writeConfig } from "../../src/config/config-file.ts";
import { StatusBoard } from "../../src/connection/status-board.ts";
import { Supervisor } from "../../src/connection/supervisor.ts";
import { Journal } from "../../src/journal/journal.ts";
import { FileCredentialStore } from "../../src/secrets/credential-store.ts";

const TOKEN_A = `sdt_${"a".repeat(16)}_${"x".repeat(43)}`;
const TOKEN_B = `sdt_${"b".repeat(16)}_${"y".repeat(43)}`;
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "sofia-agent-reload-"));
  dirs.push(dir);
  const configFile = join(dir, "agent.json");
  const credentials = new FileCredentialStore(join(dir, "credential"), false);
  const clock = new FakeClock();
  const net = fakeSockets();
  const board = new StatusBoard();
  const supervisor = new Supervisor({
    configFile,
    lastGoodConfigFile: join(dir, "agent.last-good.json"),
    credentials,
    journal: Journal.open(":memory:", () => clock.now()),
    board,
    clock,
    log: createLogger({ sinks: [] }),
    createSocket: net.create,
    random: () => 0.5,
    tuning: {},
    onJournaled: () => {},
    reloadMs: 1000,
  });
  const setEndpoints = (endpoints: string[]) => writeConfig(configFile, { ...readConfig(configFile), endpoints });
  return { configFile, credentials, clock, net, board, supervisor, setEndpoints };
}

describe("config reload", () => {
  test("nothing configured: the status says what is missing and nothing connects", async () => {
    const { net, board, supervisor } = setup();
    await supervisor.start();
    expect(net.sockets).toHaveLength(0);
    expect(board.status).toMatchObject({ state: "not_configured", problem: expect.stringContaining("enroll") });
  });

  test("an endpoint changed while connected applies within a second, without a restart", async () => {
    const { clock, net, board, credentials, supervisor, setEndpoints } = setup();
    setEndpoints(["wss://hub-a/v2/ws"]);
    credentials.write(TOKEN_A);
    await supervisor.start();
    expect(net.last.url).toBe("wss://hub-a/v2/ws");
    setEndpoints(["wss://hub-b/v2/ws"]);
    clock.advance(1000);
    await flush();
    expect(net.sockets.map((s) => s.url)).toEqual(["wss://hub-a/v2/ws", "wss://hub-b/v2/ws"]);
    expect(net.sockets[0]?.closedWith).not.toBeNull();
    expect(board.status.endpoints).toEqual(["wss://hub-b/v2/ws"]);
  });

  test("a new credential replaces the connection and authenticates with it", async () => {
    const { clock, net, credentials, supervisor, setEndpoints } = setup();
    setEndpoints(["wss://hub-a/v2/ws"]);
    credentials.write(TOKEN_A);
    await supervisor.start();
    net.last.open();
    expect(net.last.sentOfType("auth")[0]?.credential).toBe(TOKEN_A);
    credentials.write(TOKEN_B);
    clock.advance(1000);
    await flush();
    net.last.open();
    expect(net.sockets).toHaveLength(2);
    expect(net.last.sentOfType("auth")[0]?.credential).toBe(TOKEN_B);
  });

  test("a config file broken mid-edit keeps the last good settings running and says why", async () => {
    const { clock, net, board, configFile, credentials, supervisor, setEndpoints } = setup();
    setEndpoints(["wss://hub-a/v2/ws"]);
    credentials.write(TOKEN_A);
    await supervisor.start();
    writeFileSync(configFile, '{"endpoints": ["wss://hub-b/v2/ws"');
    clock.advance(1000);
    await flush();
    expect(net.sockets).toHaveLength(1);
    expect(board.status.settingsProblem).toContain("is not valid JSON: line 1, column 35: expected ']'");
    expect(board.status.settingsProblem).toContain("the agent keeps running with the settings it had");
    writeFileSync(configFile, JSON.stringify({ endpoints: ["https://hub-b"] }));
    clock.advance(1000);
    await flush();
    expect(board.status.settingsProblem).toContain('endpoints.0: "https://hub-b" must start with wss://');
  });
});
