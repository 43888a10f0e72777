import type { Clock } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import type { ConnectionRegistry } from "./delivery/connection-registry.ts";
import type { PumpSettings } from "./delivery/delivery-pump.ts";
import type { Notifier } from "./delivery/notifier.ts";
import { Presence } from "./notifications/presence.ts";
import type { AuthGuard } from "./security/auth-guard.ts";
import { normalizeOrigin } from "./security/browser-origin.ts";
import { originAllowed } from "./security/origin-check.ts";
import { NotificationPublisher } from "./services/notification-publisher.ts";
import { UserAccess } from "./services/user-access.ts";
import { type RefusalLimiter, socketAuthMiddleware } from "./socketio/auth-middleware.ts";
import { SocketIoMount } from "./socketio/socket-io-mount.ts";
import { UserSocketSession } from "./socketio/user-socket-session.ts";
import type { HubStore } from "./store/store.ts";
import { ClinicKeyring } from "./users/clinic-keyring.ts";
import { UserTokenVerifier } from "./users/user-token-verifier.ts";

/** The care-team side of a hub: users' tokens, their inboxes and presence, Socket.IO, publishing. */
export interface CareTeam {
  access: UserAccess;
  publisher: NotificationPublisher;
  socketIo: SocketIoMount;
}

/**
 * Assembles the care-team side of a hub over its store and delivery engine. A clinic's users are
 * verified with the settings `sofia-hub clinics auth` stored for it; a clinic without them has no
 * users. Socket.IO connections become {@link UserSocketSession}s on the same engine as `/v2/ws`.
 */
export function startCareTeam(deps: {
  store: HubStore;
  registry: ConnectionRegistry;
  notifier: Notifier;
  pump: PumpSettings;
  clock: Clock;
  fetch: typeof fetch;
  log: Logger;
  /** How long a Socket.IO delivery waits for its acknowledgement (see `UserSocketSession`). */
  socketIoAckTimeoutMs?: number;
  /** The hub's gate for refused authentications: Socket.IO's count with every other. */
  guard: AuthGuard;
  /** The client address of a request (behind a trusted proxy, what the proxy saw). */
  remoteOf: (request: Request) => string;
  /** The origins of the hub's own pages (its console), accepted for every clinic. */
  ownOrigins?: () => readonly string[];
}): CareTeam {
  const { store, registry, clock, log } = deps;
  const verifier = new UserTokenVerifier(
    async (clinicId) => {
      const clinic = await store.directory.getClinic(clinicId);
      return clinic?.userAuth ? { ...clinic.userAuth, clinicId } : null;
    },
    new ClinicKeyring(deps.fetch, clock, log),
    clock,
    log,
  );
  const access = new UserAccess({ store, registry, verifier, presence: new Presence(), data: deps.pump.data, clock });
  const socketIo = new SocketIoMount({ log, remoteOf: deps.remoteOf });
  const limiter: RefusalLimiter = {
    blocked: (remote) => deps.guard.retryAfterMs(remote, null) > 0,
    // Counted at once; the audit record it writes handles its own failures.
    failed: (remote, reason) => void deps.guard.refused({ remote, action: "socketio.auth_failed" }, null, reason),
  };
  socketIo.io.use(
    socketAuthMiddleware({
      verify: (token) => verifier.verify(token),
      limiter,
      originAllowed: async (origin, remote, user) => {
        if (origin && deps.ownOrigins?.().includes(normalizeOrigin(origin) ?? "")) return true;
        const clinic = await store.directory.getClinic(user.clinicId);
        const actor = `user:${user.clinicId}:${user.id}`;
        return originAllowed({ origin, remote, clinic, actor }, { store, clock, log });
      },
      log,
    }),
  );
  socketIo.io.on("connection", (socket) =>
    new UserSocketSession(socket, access, registry, deps.pump, log, deps.socketIoAckTimeoutMs).start(),
  );
  return { access, publisher: new NotificationPublisher(store, deps.notifier, clock, log), socketIo };
}
