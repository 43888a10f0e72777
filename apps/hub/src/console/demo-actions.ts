import { randomUUID } from "node:crypto";
import { ForeignId, lineOfText, type PublishNotificationRequest, type UserRole } from "@sofia/protocol";
import { z } from "zod";
import { DEMO_USERS } from "../demo-users.ts";
import type { AuthenticatedUser } from "../users/user-claims.ts";

/**
 * What a demo user does in the console, as the customer's backend would hear it: a doctor asks
 * for access, prescribes or writes a record; a patient decides on an access request; a
 * pharmacist moves a prescription on.
 */
export const DemoAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("request_access"), patient_id: ForeignId }),
  z.object({ action: z.literal("prescribe"), patient_id: ForeignId }),
  z.object({ action: z.literal("create_record"), patient_id: ForeignId, title: lineOfText(200) }),
  z.object({
    action: z.literal("access_decision"),
    request_id: ForeignId,
    doctor_id: ForeignId,
    status: z.enum(["approved", "rejected"]),
  }),
  z.object({
    action: z.literal("prescription_step"),
    prescription_id: ForeignId,
    patient_id: ForeignId,
    doctor_id: ForeignId,
    status: z.enum(["prepared", "ready", "delivered"]),
  }),
]);
export type DemoAction = z.infer<typeof DemoAction>;

/** Who may do each action. */
const ACTORS: Record<DemoAction["action"], UserRole> = {
  request_access: "doctor",
  prescribe: "doctor",
  create_record: "doctor",
  access_decision: "patient",
  prescription_step: "pharmacist",
};

/**
 * The notifications the customer's backend would publish for `action` by `user` (addressed as the
 * policy table says), or `null` when the user's role may not do it. Each carries a de-duplication
 * key, so a double click publishes once.
 */
export function demoActionRequests(
  user: AuthenticatedUser,
  action: DemoAction,
  at: string,
): PublishNotificationRequest[] | null {
  if (ACTORS[action.action] !== user.role) return null;
  const clinic_id = user.clinicId;
  const toUser = (user_id: string) => ({ type: "user" as const, clinic_id, user_id });
  const pharmacists = { type: "role" as const, clinic_id, role: "pharmacist" as const };
  const id = randomUUID().slice(0, 8);
  switch (action.action) {
    case "request_access": {
      const doctor_name = DEMO_USERS.find((u) => u.id === user.id)?.name ?? user.id;
      const data = { request_id: `req-${id}`, patient_id: action.patient_id, doctor_id: user.id, doctor_name };
      return [{ to: toUser(action.patient_id), event: "new_access_request", data: { ...data, requested_at: at } }];
    }
    case "prescribe": {
      const data = { prescription_id: `rx-${id}`, patient_id: action.patient_id, doctor_id: user.id };
      const step = { ...data, status: "validated" as const, changed_at: at };
      return [pharmacists, toUser(action.patient_id), toUser(user.id)].map((to) => ({
        to,
        event: "prescription_status_changed" as const,
        data: step,
      }));
    }
    case "create_record": {
      const data = { record_id: `rec-${id}`, patient_id: action.patient_id, doctor_id: user.id, created_at: at };
      return [toUser(action.patient_id), toUser(user.id)].map((to) => ({
        to,
        event: "medical_record_created" as const,
        data: { ...data, title: action.title },
      }));
    }
    case "access_decision": {
      const { request_id, doctor_id, status } = action;
      const data = { request_id, patient_id: user.id, doctor_id, status, changed_at: at };
      return [toUser(doctor_id), toUser(user.id)].map((to) => ({
        to,
        event: "access_request_status_changed" as const,
        data,
        dedupe_key: `decision-${request_id}`,
      }));
    }
    case "prescription_step": {
      const { prescription_id, patient_id, doctor_id, status } = action;
      const data = { prescription_id, patient_id, doctor_id, pharmacist_id: user.id, status, changed_at: at };
      return [pharmacists, toUser(patient_id), toUser(doctor_id)].map((to) => ({
        to,
        event: "prescription_status_changed" as const,
        data,
        dedupe_key: `${prescription_id}-${status}`,
      }));
    }
  }
}
