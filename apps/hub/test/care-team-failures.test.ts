import { afterEach, describe, expect, test } from "bun:test";
import { until } from "@sofia/testing";
import { type CareTeamHub, startCareTeamHub, v2User } from "./support/care-team-hub.ts";
import { FaultyStore, INJECTED_CODE } from "./support/faulty-store.ts";

const notification = {
  to: { type: "user", clinic_id: "clinic-a", user_id: "pat-1" },
  event: "notification",
  data: { title: "Hello", body: "A first message." },
};

/**
 * The care-team path under a failing store, method by method: a user's connection ends with
 * 1011 and resumes (nothing lost), a publish answers 503 and succeeds when retried, a clinic's
 * settings cannot be half-written.
 */
describe("a failing store on the care-team path", () => {
  let hub: CareTeamHub;
  afterEach(() => hub.stop());

  async function faultyHub() {
    const wrapped: FaultyStore[] = [];
    hub = await startCareTeamHub({
      wrapStore: (real) => {
        const faulty = new FaultyStore(real);
        wrapped.push(faulty);
        return faulty.store;
      },
    });
    const faulty = wrapped[0];
    if (!faulty) throw new Error("no store");
    return faulty;
  }

  test.each([["users.seen"], ["mailbox.markRead"], ["mailbox.inbox"]])(
    "%s failing ends the user's connection with 1011; it resumes and nothing is lost",
    async (method) => {
      const faulty = await faultyHub();
      expect((await hub.notify(notification)).status).toBe(202);
      const user = v2User(hub, await hub.token("pat-1", "patient"));
      faulty.failNext(method, 1);
      await user.client.start();
      await until("the notification arrives", () => user.deliveries.length === 1);
      const id = user.deliveries[0]?.id ?? "";
      const count = (type: string) =>
        user.messages.filter((m) => m.type === type).length + user.events.filter((e) => e.type === type).length;
      for (let attempt = 0; attempt < 3; attempt++) {
        const [inboxes, closes, welcomes] = [count("inbox"), count("closed"), count("welcome")];
        user.client.request({ type: "mark_read", ids: [id] });
        user.client.request({ type: "inbox" });
        await until("an answer or a close", () => count("inbox") > inboxes || count("closed") > closes);
        if (count("inbox") > inboxes) break;
        await until("reconnected", () => count("welcome") > welcomes);
      }
      await until("the inbox says it is read", () => user.messages.some((m) => m.type === "inbox" && m.unread === 0));
      expect(faulty.injected.get(method)).toBe(1);
      expect(user.events.filter((e) => e.type === "closed").map((e) => (e.type === "closed" ? e.code : 0))).toEqual([
        1011,
      ]);
      expect(hub.t.logs.some((l) => l.includes("session failed") && l.includes(`"code":"${INJECTED_CODE}"`))).toBe(
        true,
      );
      expect(user.deliveries).toHaveLength(1);
      user.client.stop();
    },
  );

  test.each([["notifications.publish"], ["users.ids"]])("%s failing answers 503; a retry publishes", async (method) => {
    const faulty = await faultyHub();
    faulty.failNext(method, 1);
    const body = { ...notification, to: { type: "clinic", clinic_id: "clinic-a" } };
    const refused = await hub.notify(body);
    expect([refused.status, refused.headers.get("retry-after")]).toEqual([503, "1"]);
    expect((await hub.notify(body)).status).toBe(202);
  });

  test("directory.setUserAuth failing leaves the clinic's settings as they were", async () => {
    const faulty = await faultyHub();
    faulty.failNext("directory.setUserAuth", 1);
    const before = (await hub.t.store.directory.getClinic("clinic-a"))?.userAuth;
    const failed = await faulty.store.directory.setUserAuth("clinic-a", null).then(
      () => "stored",
      (error: unknown) => String(error),
    );
    expect(failed).toContain("injected");
    expect((await hub.t.store.directory.getClinic("clinic-a"))?.userAuth).toEqual(before);
  });
});
