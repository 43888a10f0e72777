import { Hono } from "hono";
import { CONSOLE_CSP, type ConsoleAssets } from "../../console/console-assets.ts";
import type { OperatorOverview } from "../../console/operator-overview.ts";
import { requireUser, type UserBearerDeps } from "../../console/user-bearer.ts";
import type { DemoCredentials } from "../../demo.ts";
import { ApiErrorCode, apiError } from "../errors.ts";
import { type DemoActionDeps, demoRoutes } from "./console-demo.ts";

/** What `/console` needs: its files, the operator's view, and the demo clinic when `serve --demo`. */
export interface ConsoleDeps extends UserBearerDeps, Omit<DemoActionDeps, "demo"> {
  assets: ConsoleAssets;
  overview: OperatorOverview;
  demo: DemoCredentials | null;
}

/**
 * `/console`: the console's page and files (no caching of the page, so a new hub's build is used
 * at once; a strict CSP), `api/config` (whether the demo sign-in exists), `api/overview` (the
 * operator's view of the caller's own clinic, role `admin` only) and, in the demo only,
 * `api/demo/*`.
 */
export function consoleRoutes(deps: ConsoleDeps) {
  const app = new Hono();
  const serve = (name: string) => {
    const asset = deps.assets.get(name);
    if (!asset) return null;
    const headers = {
      "content-type": asset.type,
      "content-security-policy": CONSOLE_CSP,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-cache",
    };
    return new Response(asset.body, { headers });
  };
  app.get("/", (c) => c.redirect("/console/", 308));
  app.get("/api/config", (c) => c.json({ demo: deps.demo !== null }));
  app.get("/api/overview", async (c) => {
    const auth = await requireUser(c, deps);
    if (!auth.ok) return auth.response;
    // Only a clinic's administrators, and only for their own clinic.
    if (auth.user.role !== "admin")
      return apiError(c, 403, ApiErrorCode.FORBIDDEN, "the operator's view is for admins");
    return c.json(await deps.overview.of(auth.user.clinicId));
  });
  if (deps.demo) app.route("/api/demo", demoRoutes({ ...deps, demo: deps.demo }));
  app.get("/:file{[a-z0-9.-]*}", (c) => serve(c.req.param("file") || "index.html") ?? c.notFound());
  return app;
}
