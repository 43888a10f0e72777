import type { CredentialStore, Directory, HubStore } from "../store.ts";
import { RecordCache, type RecordCacheOptions } from "./record-cache.ts";

/** A {@link HubStore} that reads doctors and clinics through a {@link RecordCache}. */
export interface CachedHubStore extends HubStore {
  /** The cache itself: the authenticator reads credentials through it. */
  readonly records: RecordCache;
}

/**
 * The store as one hub process uses it. `directory.getDoctor` and `getClinic` read through the
 * record cache (fresh for at most a second); every write made through this object forgets what it
 * changed as soon as it settles, so this process sees its own changes at once; and every read of
 * the revocation feed forgets the credentials it names, so a revocation made by another process
 * reaches this one with the hub's next poll (250 ms), well within the cache's bound.
 * `credentials.get` itself is not cached: {@link RecordCache.credential} keeps only verified ones.
 */
export function cachedStore(store: HubStore, options: RecordCacheOptions): CachedHubStore {
  const records = new RecordCache(store, options);
  /** Runs a write, then forgets what it changed (whether it succeeded or not). */
  const thenForget = async <T>(write: Promise<T>, forget: () => void): Promise<T> => {
    try {
      return await write;
    } finally {
      forget();
    }
  };
  const inner = store.directory;
  const directory: Directory = {
    ensureClinic: (clinic) => thenForget(inner.ensureClinic(clinic), () => records.forgetClinic(clinic.id)),
    getClinic: (id) => records.clinic(id),
    setAllowMultipleAgents: (id, allow) =>
      thenForget(inner.setAllowMultipleAgents(id, allow), () => records.forgetClinic(id)),
    setReportLayout: (id, layout) => thenForget(inner.setReportLayout(id, layout), () => records.forgetClinic(id)),
    setUserAuth: (id, auth) => thenForget(inner.setUserAuth(id, auth), () => records.forgetClinic(id)),
    setAllowedOrigins: (id, origins) =>
      thenForget(inner.setAllowedOrigins(id, origins), () => records.forgetClinic(id)),
    createDoctor: (doctor) => thenForget(inner.createDoctor(doctor), () => records.forgetDoctor(doctor.id)),
    getDoctor: (id) => records.doctor(id),
    listDoctors: () => inner.listDoctors(),
  };
  const credentials: CredentialStore = {
    create: (credential) =>
      thenForget(store.credentials.create(credential), () => records.forgetCredential(credential.id)),
    get: (id) => store.credentials.get(id),
    list: (filter) => store.credentials.list(filter),
    revoke: (id, at) => thenForget(store.credentials.revoke(id, at), () => records.forgetCredential(id)),
    revokedSince: async (cursor) => {
      const feed = await store.credentials.revokedSince(cursor);
      for (const id of feed.ids) records.forgetCredential(id);
      return feed;
    },
  };
  return {
    records,
    directory,
    credentials,
    reports: store.reports,
    mailbox: store.mailbox,
    agents: store.agents,
    webhooks: store.webhooks,
    audit: store.audit,
    notifications: store.notifications,
    users: store.users,
    stats: store.stats,
    ...(store.observeCommits ? { observeCommits: (listener) => store.observeCommits?.(listener) } : {}),
    close: () => store.close(),
  };
}
