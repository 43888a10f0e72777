import type { UserRole } from "@sofia/protocol";
import { SignJWT } from "jose";
import type { DemoCredentials } from "./demo.ts";

/** The demo clinic's care team: one user per role (the doctor's user id is the demo doctor's id). */
export const DEMO_USERS: readonly { id: string; role: UserRole; name: string }[] = [
  { id: "dr-demo", role: "doctor", name: "Dr. Demo" },
  { id: "pat-jane", role: "patient", name: "Jane Doe" },
  { id: "ph-omar", role: "pharmacist", name: "Omar (pharmacist)" },
  { id: "staff-lea", role: "clinic_staff", name: "Léa (front desk)" },
  { id: "admin-sam", role: "admin", name: "Sam (operator)" },
];

/**
 * A token for a demo user, as the demo clinic's identity provider would issue it (for `lifetimeS`
 * seconds). Only the demo clinic has such a provider: real clinics' users bring their own tokens.
 */
export function demoUserToken(
  demo: DemoCredentials,
  userId: string,
  role: UserRole,
  lifetimeS = 3600,
): Promise<string> {
  return new SignJWT({ role, clinic: demo.clinic_id })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(demo.user_auth.issuer)
    .setAudience(demo.user_auth.audience)
    .setIssuedAt()
    .setExpirationTime(`${lifetimeS}s`)
    .sign(new TextEncoder().encode(demo.user_auth.secret));
}
