import { buildApp } from "./api/app.ts";
import { type ApiMode, MODES } from "./api/mode.ts";
import type { GatedParts } from "./api/version-guard.ts";
import type { OfficeClock } from "./clock.ts";
import { FaultInjector } from "./control/faults.ts";
import { UiEvents } from "./control/ui-events.ts";
import type { OdStore } from "./store/store.ts";

/** How to run a sandbox. */
export interface SandboxOptions {
  store: OdStore;
  clock: OfficeClock;
  mode: ApiMode;
  /** 0 for any free port; default the mode's Open Dental port. */
  port?: number;
  hostname?: string;
  /** How UI events reach subscribers (tests may wrap it). */
  fetch?: typeof fetch;
  /** Called with unexpected errors; gets the error only, never request content. */
  onError?: (error: unknown) => void;
  /**
   * What the office does with query parameters and body fields newer than its version (its
   * `ProgramVersion` preference): `reject` with a 400 (default) or `ignore` them.
   */
  gatedParts?: GatedParts;
}

/** A running sandbox. */
export interface RunningSandbox {
  /** `http://host:port`; the API is under `/api/v1`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the sandbox's HTTP server. */
export function startSandbox(options: SandboxOptions): RunningSandbox {
  const faults = new FaultInjector(options.clock);
  const deps = {
    store: options.store,
    clock: options.clock,
    mode: options.mode,
    faults,
    gatedParts: options.gatedParts ?? "reject",
  };
  const events = new UiEvents(options.store, options.clock, options.fetch ?? fetch);
  const app = buildApp(deps, events, options.onError ?? (() => undefined));
  const server = Bun.serve({
    port: options.port ?? MODES[options.mode].defaultPort,
    hostname: options.hostname ?? "127.0.0.1",
    fetch: app.fetch,
    // A timeout fault holds a request for 60 s of clock time; Bun's idle timeout must not cut it first.
    idleTimeout: 0,
  });
  const port = server.port ?? 0;
  return {
    url: `http://${server.hostname}:${port}`,
    port,
    stop: async () => {
      faults.clear();
      await server.stop(true);
    },
  };
}
