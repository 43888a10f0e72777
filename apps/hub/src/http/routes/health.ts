import { Hono } from "hono";
import type { ConnectionRegistry } from "../../delivery/connection-registry.ts";
import type { HubStore } from "../../store/store.ts";

/** `GET /healthz`: 200 when the store answers, with the number of live sockets; 503 otherwise. */
export function healthRoutes(deps: { store: HubStore; registry: ConnectionRegistry; version: string }) {
  const app = new Hono();
  app.get("/", async (c) => {
    try {
      await deps.store.audit.recent(1);
      return c.json({ status: "ok", version: deps.version, connections: deps.registry.size });
    } catch {
      return c.json({ status: "unavailable", version: deps.version }, 503);
    }
  });
  return app;
}
