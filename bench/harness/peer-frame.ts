/**
 * The delivery the peers send, as big as the hub's: the report, a few renderings, and padding up
 * to the byte size of the hub's own `data` for the same report (measured once per invocation
 * by {@link hubFrameBytes}), so that no target wins by sending less.
 */

import { V2Deliver } from "@sofia/protocol";
import { addDoctor, addProducer, openV2, publish, startTestHub } from "../../apps/hub/test/support/test-hub.ts";
import { REPORT, reportBody } from "./content.ts";

/** Byte length of the `data` of the hub's `report_ready` delivery for the bench report. */
export async function hubFrameBytes(): Promise<number> {
  const t = await startTestHub();
  try {
    const key = await addDoctor(t, "dr-size");
    const token = await addProducer(t);
    const response = await publish(t, token, reportBody("dr-size", "size"));
    if (response.status !== 202) throw new Error(`publish answered ${response.status}`);
    const { socket } = await openV2(t, key);
    const delivery = V2Deliver.parse((await socket.next()).json);
    socket.close();
    return JSON.stringify(delivery.data).length;
  } finally {
    await t.stop();
  }
}

/** The report text's length, for the doc ("~380 characters become a N-byte frame"). */
export const reportChars = Object.values(REPORT).join("").length;
