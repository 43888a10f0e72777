import { afterEach, expect, test } from "bun:test";
import { V2CloseCode } from "@sofia/protocol";
import { closedWithin, TestSocket, until } from "@sofia/testing";
import type { HubStore } from "../src/store/store.ts";
import { addDoctor, startTestHub, type TestHub } from "./support/test-hub.ts";

let t: TestHub;
afterEach(() => t.stop());

/**
 * A key revoked while a socket is between its credential check and taking its slot: the
 * revocation poll that ends the key's sockets runs before this one is there to be ended. The
 * socket must still be closed as revoked, not left open for as long as it lives.
 */
test("a socket that attaches after the poll that saw its credential revoked is closed as revoked", async () => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let cursorReads = 0;
  let feedReads = 0;
  t = await startTestHub({
    wrapStore: (real: HubStore) => ({
      ...real,
      // The first read of a cursor (after the credential check, before the slot) waits for the test.
      mailbox: {
        ...real.mailbox,
        cursor: async (id) => {
          if (++cursorReads === 1) await held;
          return real.mailbox.cursor(id);
        },
      },
      credentials: {
        ...real.credentials,
        revokedSince: (cursor) => {
          feedReads++;
          return real.credentials.revokedSince(cursor);
        },
      },
    }),
  });
  const key = await addDoctor(t, "dr-a");
  const socket = await TestSocket.open(t.v2Url);
  socket.send(JSON.stringify({ type: "auth", credential: key }));
  await until("the credential is checked and the cursor read waits", () => cursorReads === 1);
  await t.store.credentials.revoke(key.slice(0, 20), new Date().toISOString());
  // Two more reads of the feed: at least one began after the revocation committed.
  const seen = feedReads;
  await until("the revocation poll has seen it", () => feedReads >= seen + 2);
  release();
  expect((await closedWithin(socket, 3000)).code).toBe(V2CloseCode.CREDENTIAL_REVOKED);
});
