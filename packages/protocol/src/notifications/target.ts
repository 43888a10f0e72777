import { z } from "zod";
import { ExternalId } from "../ids.ts";
import { UserId } from "./foreign-id.ts";
import { UserRole } from "./roles.ts";

/**
 * Who a notification is for, always within one clinic: one user, every user of a role, or every
 * user of the clinic. The clinic is explicit even for a producer token confined to one clinic, so
 * a request means the same thing whichever token sends it; the hub refuses a clinic the token may
 * not serve.
 */
export const NotificationTarget = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), clinic_id: ExternalId, user_id: UserId }),
  z.object({ type: z.literal("role"), clinic_id: ExternalId, role: UserRole }),
  z.object({ type: z.literal("clinic"), clinic_id: ExternalId }),
]);
export type NotificationTarget = z.infer<typeof NotificationTarget>;
