import { Hono } from "hono";
import { z } from "zod";
import { readBody } from "../api/body.ts";
import type { SandboxDeps } from "../api/context.ts";
import { odError } from "../api/errors.ts";
import { loadLookups } from "../api/lookups.ts";
import { appointmentView } from "../api/views/appointment.ts";
import { officeNow } from "../clock.ts";
import { setConfirmed, TRIGGER_PREFS, triggerDefNum } from "../services/confirm.ts";
import { formatVersion, officeVersion, parseVersion, setOfficeVersion } from "../version.ts";
import { FaultRequest } from "./fault-request.ts";
import type { UiEvents } from "./ui-events.ts";

const SelectPatient = z.object({
  PatNum: z.number().int().positive(),
  Workstation: z.string().min(1).max(255),
});
const Seat = z.object({ AptNum: z.number().int().positive() });
const SetVersion = z.object({ ProgramVersion: z.string().max(32) });
const SetKey = z.object({ enabled: z.boolean() });

/**
 * `/_sandbox`: what happens in OpenDental.exe rather than through the API — a user selecting a
 * patient on a workstation, a patient being seated, the office updating Open Dental or disabling
 * a key — and fault injection for tests. Outside
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

  // The office updates (or downgrades) Open Dental: its ProgramVersion preference changes.
  app.put("/version", async (c) => {
    const body = await readBody(c, SetVersion);
    if (!body.ok) return body.response;
    const version = parseVersion(body.value.ProgramVersion);
    if (!version) return odError(c, 400, "ProgramVersion must look like 24.2.29.0.");
    await setOfficeVersion(deps.store, version);
    return c.json({ ProgramVersion: formatVersion(version) });
  });

  // The office disables or re-enables a customer key (Setup > Advanced Setup > API [S2]).
  app.put("/keys/:customer", async (c) => {
    const body = await readBody(c, SetKey);
    if (!body.ok) return body.response;
    const [key] = await deps.store.select("apikey", {
      where: [{ column: "CustApiKey", op: "=", value: c.req.param("customer") }],
    });
    if (!key) return odError(c, 404, "No such customer key.");
    await deps.store.update("apikey", key.APIKeyNum, { IsEnabled: body.value.enabled ? 1 : 0 });
    return c.json({ customer: key.CustApiKey, enabled: body.value.enabled });
  });

  app.get("/health", async (c) =>
    c.json({
      mode: deps.mode,
      database: deps.store.dialect,
      now: officeNow(deps.clock),
      version: formatVersion(await officeVersion(deps.store)),
    }),
  );
  return app;
}
