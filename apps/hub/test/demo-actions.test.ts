import { expect, test } from "bun:test";
import { PublishNotificationRequest, type UserRole } from "@sofia/protocol";
import { type DemoAction, demoActionRequests } from "../src/console/demo-actions.ts";
import { authorize } from "../src/notifications/authorize.ts";
import { roomOfTarget } from "../src/notifications/rooms.ts";

// The demo clinic's stand-in backend: each role may do its own actions only, and what it publishes
// is valid and allowed by the policy table.

const AT = "2026-12-03T09:00:00.000Z";
const user = (id: string, role: UserRole) => ({ id, role, clinicId: "demo-clinic", expiresAtMs: 0 });
const DECISION: DemoAction = {
  action: "access_decision",
  request_id: "req-1",
  doctor_id: "dr-demo",
  status: "approved",
};
const ACTIONS: [UserRole, DemoAction][] = [
  ["doctor", { action: "request_access", patient_id: "pat-jane" }],
  ["doctor", { action: "prescribe", patient_id: "pat-jane" }],
  ["doctor", { action: "create_record", patient_id: "pat-jane", title: "Check-up" }],
  ["patient", DECISION],
  [
    "pharmacist",
    {
      action: "prescription_step",
      prescription_id: "rx-1",
      patient_id: "pat-jane",
      doctor_id: "dr-demo",
      status: "ready",
    },
  ],
];

test.each(ACTIONS)("a %s's %o publishes valid notifications the policy allows", (role, action) => {
  const requests = demoActionRequests(user(`${role}-1`, role), action, AT) ?? [];
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    expect(PublishNotificationRequest.safeParse(request).success).toBe(true);
    const publisher = { kind: "producer" as const, clinicId: "demo-clinic" };
    const decision = authorize({ action: "publish", publisher, event: request.event, room: roomOfTarget(request.to) });
    expect(decision.allowed).toBe(true);
  }
});

test("no role may do another role's action", () => {
  for (const [role, action] of ACTIONS) {
    for (const other of ["doctor", "patient", "pharmacist", "clinic_staff", "admin"] as const) {
      if (other !== role) expect(demoActionRequests(user("u", other), action, AT)).toBeNull();
    }
  }
});

test("a patient decides for themselves: the decision names the signed-in patient, and goes to the doctor", () => {
  const [toDoctor] = demoActionRequests(user("pat-jane", "patient"), DECISION, AT) ?? [];
  expect(toDoctor).toMatchObject({ to: { type: "user", user_id: "dr-demo" }, data: { patient_id: "pat-jane" } });
});
