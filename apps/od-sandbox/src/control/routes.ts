import { Hono } from "hono";
import { z } from "zod";
import { readBody } from "../api/body.ts";
import type { SandboxDeps } from "../api/context.ts";
import { odError } from "../api/errors.ts";
import { loadLookups } from "../api/lookups.ts";
import { appointmentView } from "../api/views/appointment.ts";
import { officeNow } from "../clock.ts";
import { setConfirmed, TRIGGER_PREFS, triggerDefNum } from "../services/confirm.ts";
import { FaultRequest } from "./fault-request.ts";
import type { UiEvents } from "./ui-events.ts";

const SelectPatient = z.object({
  PatNum: z.number().int().positive(),
  Workstation: z.string().min(1).max(255),
});
const Seat = z.object({ AptNum: z.number().int().positive() });

/**
 * `/_sandbox`: what happens in OpenDental.exe rather than through the API — a user selecting a
 * patient on a workstation, a patient being seated — and fault injection for tests. Outside
 * `/api/v1` and unauthenticated, which is why the sandbox listens on 127.0.0.1 by default.
 */
export function controlRoutes(deps: SandboxDeps, events: UiEvents): Hono {
  const app = new Hono();

  app.post("/select-patient", async (c) => {
    const body = await readBody(c, SelectPatient);
    if (!body.ok) return body.response;
    const result = await events.selectPatient(body.value.PatNum, body.value.Workstation);
    if (!result) return odError(c, 404, "Patient not found.");
    return c.json({ PatNum: body.value.PatNum, Workstation: body.value.Workstation, ...result });
  });

  app.post("/seat", async (c) => {
    const body = await readBody(c, Seat);
    if (!body.ok) return body.response;
    const apt = await deps.store.get("appointment", body.value.AptNum);
    if (!apt) return odError(c, 404, "Appointment not found.");
    const seated = await triggerDefNum(deps.store, TRIGGER_PREFS.seated);
    if (!seated) return odError(c, 400, "The preference AppointmentTimeSeatedTrigger is not set.");
    const updated = await setConfirmed(deps.store, deps.clock, apt, seated);
    return c.json(appointmentView(updated, await loadLookups(deps.store), officeNow(deps.clock)));
  });

  app.post("/fail", async (c) => {
    const body = await readBody(c, FaultRequest);
    if (!body.ok) return body.response;
    deps.faults.arm(body.value);
    return c.json({ faults: deps.faults.list() }, 201);
  });
  app.get("/fail", (c) => c.json({ faults: deps.faults.list() }));
  app.delete("/fail", (c) => {
    deps.faults.clear();
    return c.json({ faults: [] });
  });

  app.get("/health", (c) => c.json({ mode: deps.mode, database: deps.store.dialect, now: officeNow(deps.clock) }));
  return app;
}
