import { Hono } from "hono";
import { controlRoutes } from "../control/routes.ts";
import type { UiEvents } from "../control/ui-events.ts";
import type { ApiEnv, SandboxDeps } from "./context.ts";
import { odError } from "./errors.ts";
import { guard } from "./guard.ts";
import { ParamError } from "./params.ts";
import { appointmentRoutes } from "./routes/appointments.ts";
import { commlogRoutes } from "./routes/commlogs.ts";
import { documentRoutes } from "./routes/documents.ts";
import { patientRoutes } from "./routes/patients.ts";
import { procedureRoutes } from "./routes/procedures.ts";
import { procNoteRoutes } from "./routes/procnotes.ts";
import { setupRoutes } from "./routes/setup.ts";
import { subscriptionRoutes } from "./routes/subscriptions.ts";
import { versionGuard } from "./version-guard.ts";

/** The whole sandbox: Open Dental's API under `/api/v1`, the control endpoints under `/_sandbox`. */
export function buildApp(deps: SandboxDeps, events: UiEvents, onError: (error: unknown) => void): Hono {
  const api = new Hono<ApiEnv>();
  api.use("*", guard(deps));
  api.use("*", versionGuard(deps));
  patientRoutes(api, deps);
  setupRoutes(api, deps);
  appointmentRoutes(api, deps);
  procedureRoutes(api, deps);
  procNoteRoutes(api, deps);
  commlogRoutes(api, deps);
  documentRoutes(api, deps);
  subscriptionRoutes(api, deps);

  const app = new Hono();
  app.route("/api/v1", api);
  app.route("/_sandbox", controlRoutes(deps, events));
  // Inferred wording: Open Dental's 404 for a resource that does not exist is "often a typo" [S3].
  app.notFound((c) => odError(c, 404, `Resource not found: ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof ParamError) return odError(c, 400, error.message);
    onError(error);
    return odError(c, 500, "An unexpected error occurred in the sandbox.");
  });
  return app;
}
