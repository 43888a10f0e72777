import { describe, expect, test } from "bun:test";
import { silentLogger } from "@sofia/runtime/log";
import { FakeClock } from "@sofia/testing";
import { FailedAuthAudit, MAX_AUDIT_BUCKETS } from "../src/security/failed-auth-audit.ts";
import type { AuditEvent } from "../src/store/records.ts";

function memoryAudit() {
  const rows: AuditEvent[] = [];
  return { rows, log: { record: async (e: AuditEvent) => void rows.push(e), recent: async () => rows } };
}

describe("FailedAuthAudit", () => {
  test("beyond its bucket limit, new sources share one overflow row: the trail stays bounded", async () => {
    const { rows, log } = memoryAudit();
    const audit = new FailedAuthAudit(log, new FakeClock(), silentLogger);
    const sources = MAX_AUDIT_BUCKETS + 500;
    for (let i = 0; i < sources; i++) {
      await audit.note({
        action: "api.auth_failed",
        claimedId: null,
        remote: `10.0.${i >> 8}.${i & 255}`,
        reason: "unknown",
      });
    }
    expect(rows).toHaveLength(MAX_AUDIT_BUCKETS);
    await audit.flush();
    expect(rows).toHaveLength(MAX_AUDIT_BUCKETS + 1);
    expect(rows.at(-1)).toMatchObject({ actor: "anonymous", detail: { remote: "(many sources)", attempts: 500 } });
    // After a flush every source starts afresh: its next refusal is recorded at once again.
    await audit.note({ action: "api.auth_failed", claimedId: "spt_x", remote: "10.0.0.0", reason: "revoked" });
    expect(rows.at(-1)).toMatchObject({
      actor: "spt_x",
      detail: { remote: "10.0.0.0", attempts: 1, reason: "revoked" },
    });
  });

  test("a flush with no repeats writes nothing", async () => {
    const { rows, log } = memoryAudit();
    const audit = new FailedAuthAudit(log, new FakeClock(), silentLogger);
    await audit.note({ action: "socket.auth_failed", claimedId: null, remote: "a", reason: "malformed" });
    await audit.flush();
    expect(rows).toHaveLength(1);
  });
});
