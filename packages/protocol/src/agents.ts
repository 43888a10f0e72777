import { z } from "zod";

/** Body of `POST /v1/agents/enroll`: a one-time enrollment code and what the device is. */
export const EnrollRequest = z.object({
  code: z.string().min(1).max(64),
  device: z.object({
    name: z.string().min(1).max(100),
    hostname: z.string().max(255).optional(),
    os: z.string().max(64).optional(),
    version: z.string().max(64).optional(),
  }),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

/** Answer to a successful enrollment (`201`). The device token is shown once. */
export const EnrollResponse = z.object({
  agent_id: z.string(),
  device_token: z.string(),
  doctor_id: z.string(),
  clinic_id: z.string(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;
