import { ExternalId, UserId, UserRole } from "@sofia/protocol";
import { z } from "zod";

/**
 * The claims the hub needs from a verified user token, beyond the registered ones jose checks:
 * `sub` (the user's id in the customer's system), `role` and `clinic`. Other claims are ignored.
 */
export const UserClaims = z.object({
  sub: UserId,
  role: UserRole,
  clinic: ExternalId,
  exp: z.number(),
});

/** A care-team user whose token the hub verified. */
export interface AuthenticatedUser {
  /** `sub`: the user's id in the customer's identity system. */
  id: string;
  role: UserRole;
  clinicId: string;
  /** When the token expires (ms since the epoch); the connection must be renewed or closed by then. */
  expiresAtMs: number;
}
