import { connect, pool } from "./harness/clients.ts";
import { prepareFixture } from "./harness/fixture.ts";
import { Ledger } from "./harness/publisher.ts";
import { startTarget } from "./harness/targets.ts";

const f = await prepareFixture(10);
const dataDir = f.freshDataDir();
const t = await startTarget("hub", { dataDir, secretsFile: f.secretsFile, frameBytes: 6000 });
const ledger = new Ledger(t.url, f.producer);
const conns = await pool(10, 10, (i) => connect("v2", t.url, f.keys[i] ?? "", ledger.delivered));
const started = performance.now();
await pool(Number(process.argv[2] ?? 300), 8, (i) => ledger.publish(i % 10, `p-${i}`));
console.log("accepted/s", ledger.accepted / ((performance.now() - started) / 1000));
await ledger.settled(10000);
const l = ledger.latencies.map((x) => Math.round(x));
console.log(l.join(" "));
for (const c of conns) c.close();
await t.stop();
console.log(
  require("node:fs")
    .readFileSync(`${dataDir}/hub.log`, "utf8")
    .split("\n")
    .filter((x: string) => /warn|error/.test(x))
    .slice(0, 5),
);
f.dispose();
