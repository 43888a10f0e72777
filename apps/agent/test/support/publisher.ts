import { publish, sampleReport } from "@sofia/hub/test/support/test-hub.ts";
import { PublishReportResponse } from "@sofia/protocol";

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
