/**
 * Delivery frames are assembled as text around the payload stored at publish time, so a delivery
 * costs no parsing, validation or re-serialisation of the report: the payload is a JSON object
 * the hub itself wrote from validated input. The tests parse every frame with the protocol's
 * schemas.
 */

/** `payload` (a JSON object's text) with `key` set to `value` in front of its own fields. */
export function withField(payload: string, key: string, value: unknown): string {
  const field = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  const rest = payload.slice(1).trimStart();
  return rest.startsWith("}") ? `{${field}}` : `{${field},${rest}`;
}

/** A protocol v2 `deliver` frame. */
export function v2DeliverFrame(delivery: { seq: number; id: string; event: string; ts: string }, data: string): string {
  return `{"type":"deliver","seq":${delivery.seq},"id":${JSON.stringify(delivery.id)},"ts":${JSON.stringify(delivery.ts)},"event":${JSON.stringify(delivery.event)},"data":${data}}`;
}

/** A v1 `report_ready` frame: the data (with its `url`) and `type`, as the integration spec lists them. */
export function v1ReportReadyFrame(data: string): string {
  return withField(data, "type", "report_ready");
}
