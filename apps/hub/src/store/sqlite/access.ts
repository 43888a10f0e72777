import type { StorePart, SyncStore } from "./sync-store.ts";

/**
 * How a store method touches the database:
 * - `read`: no transaction of its own;
 * - `write`: committed and synced to disk before its promise resolves — what the hub promised a
 *   client (a report is stored before `202`, a status before `status_ack`, a credential, a code);
 * - `lazy`: committed before its promise resolves, synced with the next synced commit or within
 *   {@link LAZY_SYNC_MS}. A power cut may lose the last moments of these: acks (the client
 *   resends, and de-duplicates what comes again), `sent` marks, audit records, webhook outcomes
 *   (receivers de-duplicate on the event id).
 */
export type Access = "read" | "write" | "lazy";

/** The longest a lazy commit waits for a sync. docs/architecture.md states this promise. */
export const LAZY_SYNC_MS = 200;

/** Every store method's access: `satisfies` makes a method without one a type error. */
export const ACCESS = {
  directory: {
    ensureClinic: "write",
    getClinic: "read",
    setAllowMultipleAgents: "write",
    setReportLayout: "write",
    setUserAuth: "write",
    setAllowedOrigins: "write",
    createDoctor: "write",
    getDoctor: "read",
    listDoctors: "read",
  },
  credentials: { create: "write", get: "read", list: "read", revoke: "write", revokedSince: "read" },
  reports: {
    insert: "write",
    get: "read",
    revokeLinks: "write",
    addEvents: "lazy",
    recordClientStatus: "write",
    timeline: "read",
    recent: "read",
  },
  mailbox: {
    head: "read",
    append: "write",
    cursor: "read",
    // Synced: a cursor created at the head and then lost would let a later one skip what came
    // between. One created at the beginning is lazy (LIGHTER_FOR below).
    openCursor: "write",
    ack: "lazy",
    recordSent: "lazy",
    itemsAfter: "read",
    expire: "lazy",
    markRead: "lazy",
    inbox: "read",
  },
  agents: { createEnrollmentCode: "write", enroll: "write", get: "read", list: "read", seen: "lazy" },
  webhooks: { set: "write", get: "read", due: "read", delivered: "lazy", failed: "lazy" },
  audit: { record: "lazy", recent: "read" },
  notifications: { publish: "write" },
  users: { seen: "lazy", ids: "read" },
  stats: { counts: "read" },
} as const satisfies { [P in StorePart]: { [M in keyof SyncStore[P]]: Access } };

/**
 * Calls that need less than their method's access for some arguments. A cursor opened at the
 * beginning (0) that a power cut loses is the same as no cursor at all: the consumer starts from
 * the beginning again and de-duplicates what it had (as after a lost ack, and acks are lazy). So
 * it commits at once and is synced with the next synced commit, instead of costing every new
 * connection a sync of its own. A cursor opened at the head stays synced: lost, a later one would
 * start at a later head and skip what came between.
 */
const LIGHTER_FOR: Record<string, (args: readonly unknown[]) => Access | null> = {
  "mailbox.openCursor": (args) => (args[2] === "beginning" ? "lazy" : null),
};

/** The access of `part.method` called with `args`; `undefined` for a name that is not a store method. */
export function accessOf(part: string, method: string, args: readonly unknown[] = []): Access | undefined {
  const table: Record<string, Record<string, Access> | undefined> = ACCESS;
  const access = table[part]?.[method];
  if (access === undefined) return undefined;
  return LIGHTER_FOR[`${part}.${method}`]?.(args) ?? access;
}
