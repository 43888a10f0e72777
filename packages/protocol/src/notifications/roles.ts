import { z } from "zod";

/**
 * The roles of care-team users, as the `role` claim of their JWT states them. A user has exactly
 * one role per token; each role has a room per clinic, and the policy table says which events a
 * role may receive.
 */
export const UserRole = z.enum(["doctor", "patient", "pharmacist", "clinic_staff", "admin"]);
export type UserRole = z.infer<typeof UserRole>;

/** Every role, in the order the docs list them. */
export const USER_ROLES: readonly UserRole[] = UserRole.options;
