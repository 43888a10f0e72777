import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addDoctor, addProducer, publish, sampleReport, startTestHub, type TestHub } from "./support/test-hub.ts";

const CLIENT_ENTRY = join(import.meta.dir, "..", "..", "..", "packages", "client", "src", "index.ts");
const work = mkdtempSync(join(tmpdir(), "sofia-client-bundle-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Bundles @sofia/client (with zod and the protocol) into one ESM file for `target`. */
async function bundle(target: "node" | "browser"): Promise<string> {
  const result = await Bun.build({ entrypoints: [CLIENT_ENTRY], target, format: "esm", outdir: join(work, target) });
  expect(result.success).toBe(true);
  const output = result.outputs[0];
  if (!output) throw new Error("no bundle");
  return output.path;
}

describe("@sofia/client outside Bun", () => {
  let t: TestHub;
  let key: string;

  beforeAll(async () => {
    t = await startTestHub();
    key = await addDoctor(t, "dr-node");
    const token = await addProducer(t);
    await publish(t, token, { doctor_id: "dr-node", report: sampleReport("from node") });
  });
  afterAll(() => t.stop());

  test("the browser bundle imports nothing from Node or Bun", async () => {
    const code = await Bun.file(await bundle("browser")).text();
    expect(code).not.toMatch(/from\s*["'](node:|bun)/);
    expect(code).not.toMatch(/require\(["'](node:|bun)/);
  });

  test("under Node.js it receives, hands over and acknowledges a delivery", async () => {
    const lib = await bundle("node");
    const script = join(work, "node-client.mjs");
    writeFileSync(
      script,
      `import { SofiaClient, MemoryCursorStore } from ${JSON.stringify(lib)};
       const client = new SofiaClient({
         url: () => ${JSON.stringify(t.v2Url)},
         credential: () => ${JSON.stringify(key)},
         cursor: new MemoryCursorStore(),
         onDelivery: (d) => { console.log(JSON.stringify({ seq: d.seq, history: d.data.json_report?.history })); },
       });
       await client.start();
       const deadline = Date.now() + 5000;
       while (client.cursor < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
       await new Promise((r) => setTimeout(r, 100)); // let the ack leave
       client.stop();
       process.exit(client.cursor === 1 ? 0 : 1);`,
    );
    // Node 20 has WebSocket behind a flag; Node 22 and later have it by default.
    const major = Number(/^v(\d+)/.exec(Bun.spawnSync(["node", "--version"]).stdout.toString())?.[1] ?? 0);
    // Async spawn: the hub runs in this process and must keep serving while Node talks to it.
    const proc = Bun.spawn(["node", ...(major < 22 ? ["--experimental-websocket"] : []), script], {
      stdout: "pipe",
      stderr: "pipe",
    });
    expect(await proc.exited).toBe(0);
    const stdout = await new Response(proc.stdout).text();
    expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "")).toEqual({ seq: 1, history: "history from node" });
    expect(await t.store.mailbox.openCursor("doctor:dr-node", "dr-node", "head", "x")).toBe(1);
  });
});
