import { addProducer, publish, sampleReport, type TestHub } from "@sofia/hub/test/support/test-hub.ts";
import { PublishReportResponse } from "@sofia/protocol";
import { until } from "@sofia/testing";

/**
 * Publishes `count` reports one after the other, retrying each (same idempotency key) through hub
 * outages, and returns their ids in order. `between` runs after each publish (to kill hubs, cut
 * connections or switch endpoints in the middle of the stream).
 */
export async function publishMany(
  hub: { url: string },
  token: string,
  doctorId: string,
  count: number,
  between: (index: number, id: string) => Promise<void> = async () => {},
): Promise<string[]> {
  const ids: string[] = [];
  const batch = crypto.randomUUID();
  for (let i = 0; i < count; i++) {
    for (let tries = 0; ; tries++) {
      try {
        const response = await publish(hub, token, {
          doctor_id: doctorId,
          report: sampleReport(`r${i}`),
          idempotency_key: `${batch}-${i}`,
        });
        if (response.status === 202 || response.status === 200) {
          ids.push(PublishReportResponse.parse(await response.json()).id);
          break;
        }
        throw new Error(`publish answered ${response.status}`);
      } catch (error) {
        if (tries > 200) throw error;
        await Bun.sleep(50);
      }
    }
    await between(i, ids[i] ?? "");
  }
  return ids;
}

/**
 * Publishes one report for `doctorId` (with a new producer token) and waits until the hub's timeline
 * shows that an agent acknowledged it and reported it held. Returns the report's id.
 */
export async function publishUntilHeld(t: TestHub, doctorId: string, marker: string, ms?: number): Promise<string> {
  const response = await publish(t, await addProducer(t), { doctor_id: doctorId, report: sampleReport(marker) });
  const { id } = PublishReportResponse.parse(await response.json());
  await until(
    "acknowledged and held",
    async () => {
      const types = (await t.store.reports.timeline(id)).map((e) => e.type);
      return types.includes("acknowledged") && types.includes("held");
    },
    { timeoutMs: ms },
  );
  return id;
}
