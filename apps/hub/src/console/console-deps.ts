import type { Clock } from "@sofia/runtime/clock";
import type { DemoCredentials } from "../demo.ts";
import type { ConsoleDeps } from "../http/routes/console.ts";
import type { AuthGuard } from "../security/auth-guard.ts";
import type { Authenticator } from "../services/authenticator.ts";
import type { NotificationPublisher } from "../services/notification-publisher.ts";
import type { UserAccess } from "../services/user-access.ts";
import type { HubStore } from "../store/store.ts";
import type { ConsoleAssets } from "./console-assets.ts";
import type { OperatorFigures } from "./operator-figures.ts";
import { type AgentLink, OperatorOverview } from "./operator-overview.ts";

/** How a hub serves the console (`HubOptions.console`). */
export interface ConsoleOptions {
  /** Its files, built by `buildConsole()` (`@sofia/console/build`). */
  assets: ConsoleAssets;
  /** The demo clinic, for the demo sign-in and actions (`serve --demo` only). */
  demo?: DemoCredentials | null;
  /** The operator's live rates; default: the hub's per-clinic rates. */
  figures?: OperatorFigures;
}

/** Assembles what `/console` needs from the parts of a running hub. */
export function consoleDeps(
  options: ConsoleOptions,
  hub: {
    store: HubStore;
    clock: Clock;
    access: UserAccess;
    guard: AuthGuard;
    remoteOf: (request: Request) => string;
    authenticator: Authenticator;
    notifications: NotificationPublisher;
    agentLinks: () => AgentLink[];
    rates: OperatorFigures;
  },
): ConsoleDeps {
  const { store, clock, access } = hub;
  return {
    assets: options.assets,
    demo: options.demo ?? null,
    access,
    guard: hub.guard,
    remoteOf: hub.remoteOf,
    authenticator: hub.authenticator,
    notifications: hub.notifications,
    overview: new OperatorOverview({
      store,
      presence: access.deps.presence,
      agentLinks: hub.agentLinks,
      figures: options.figures ?? hub.rates,
      clock,
    }),
  };
}
