import { afterEach, expect, test } from "bun:test";
import { V2CloseCode } from "@sofia/protocol";
import { closedWithin, TestSocket, until } from "@sofia/testing";
import type { HubStore } from "../src/store/store.ts";
import { addDoctor, openV2, startTestHub, type TestHub } from "./support/test-hub.ts";

let t: TestHub;
afterEach(() => t.stop());

/** A hub whose first cursor read waits for the test, counting reads of the revocation feed. */
async function gatedHub() {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const counts = { cursorReads: 0, feedReads: 0 };
  t = await startTestHub({
    wrapStore: (real: HubStore) => ({
      ...real,
      // The first read of a cursor (after the credential check, before the slot) waits for the test.
      mailbox: {
        ...real.mailbox,
        cursor: async (id) => {
          if (++counts.cursorReads === 1) await held;
          return real.mailbox.cursor(id);
        },
      },
      credentials: {
        ...real.credentials,
        revokedSince: (cursor) => {
          counts.feedReads++;
          return real.credentials.revokedSince(cursor);
        },
      },
    }),
  });
  return { counts, release };
}

/** Sends `key`'s auth, revokes the key once the socket is past its credential check, waits for the poll. */
async function revokeMidAuth(counts: { cursorReads: number; feedReads: number }, key: string) {
  const socket = await TestSocket.open(t.v2Url);
  socket.send(JSON.stringify({ type: "auth", credential: key }));
  await until("the credential is checked and the cursor read waits", () => counts.cursorReads === 1);
  await t.store.credentials.revoke(key.slice(0, 20), new Date().toISOString());
  // Two more reads of the feed: at least one began after the revocation committed.
  const seen = counts.feedReads;
  await until("the revocation poll has seen it", () => counts.feedReads >= seen + 2);
  return socket;
}

/**
 * A key revoked while a socket is between its credential check and taking its slot: the
 * revocation poll that ends the key's sockets runs before this one is there to be ended. The
 * socket must still be closed as revoked, not left open for as long as it lives.
 */
test("a socket that attaches after the poll that saw its credential revoked is closed as revoked", async () => {
  const { counts, release } = await gatedHub();
  const key = await addDoctor(t, "dr-a");
  const socket = await revokeMidAuth(counts, key);
  release();
  expect((await closedWithin(socket, 3000)).code).toBe(V2CloseCode.CREDENTIAL_REVOKED);
});

test("such a socket does not take the slot from the doctor's connection on a new key", async () => {
  const { counts, release } = await gatedHub();
  const oldKey = await addDoctor(t, "dr-a");
  const socket = await revokeMidAuth(counts, oldKey);
  const doctor = await t.store.directory.getDoctor("dr-a");
  if (!doctor) throw new Error("no doctor");
  const newKey = (await t.admin.issueDoctorKey(doctor)).secret;
  const current = await openV2(t, newKey);
  let replaced = false;
  void current.socket.closed.then(() => {
    replaced = true;
  });
  release();
  expect((await closedWithin(socket, 3000)).code).toBe(V2CloseCode.CREDENTIAL_REVOKED);
  // Still open and answering: not replaced by the revoked one.
  await current.socket.roundTripV2();
  expect(replaced).toBe(false);
  current.socket.close();
});
