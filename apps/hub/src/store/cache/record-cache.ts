import type { Clock } from "@sofia/runtime/clock";
import type { Clinic, Credential, Doctor } from "../records.ts";
import type { HubStore } from "../store.ts";
import { FreshCache } from "./fresh-cache.ts";

/** How long a record read from the store is reused: the bound docs/architecture.md promises. */
export const RECORD_CACHE_TTL_MS = 1000;
/** Records of each kind held at most; past it the oldest goes. */
export const RECORD_CACHE_MAX_ENTRIES = 10_000;

/** The record cache's time and limits. */
export interface RecordCacheOptions {
  /** Time for the freshness bound (tests move it). */
  clock: Clock;
  /** Default {@link RECORD_CACHE_TTL_MS}; 0 turns the cache off. */
  ttlMs?: number;
  /** Per kind (credentials, doctors, clinics). Default {@link RECORD_CACHE_MAX_ENTRIES}. */
  maxEntries?: number;
}

/**
 * The records every publish and every socket authentication reads: credentials, doctors and
 * clinics, kept on the main thread for at most a second so that the hot paths do not cross to the
 * store thread for them. Each kind has its own cache, keyed by the record's own id, so one kind's
 * id can never answer for another's, nor one clinic's for another clinic.
 *
 * A credential is kept only once a presented secret matched its hash and it is not revoked: the
 * cache is never filled by a guess, and it is keyed by the public id, never by a secret.
 */
export class RecordCache {
  private readonly credentials: FreshCache<string, Credential>;
  private readonly doctors: FreshCache<string, Doctor>;
  private readonly clinics: FreshCache<string, Clinic>;

  constructor(
    private readonly store: HubStore,
    options: RecordCacheOptions,
  ) {
    const limits = {
      ttlMs: options.ttlMs ?? RECORD_CACHE_TTL_MS,
      maxEntries: options.maxEntries ?? RECORD_CACHE_MAX_ENTRIES,
    };
    this.credentials = new FreshCache(options.clock, limits);
    this.doctors = new FreshCache(options.clock, limits);
    this.clinics = new FreshCache(options.clock, limits);
  }

  /**
   * A credential by id: a fresh cached one, or the store's, kept when `verified` says the
   * presented secret matched it. The caller still compares the secret with the hash it gets.
   */
  credential(id: string, verified: (credential: Credential) => boolean): Promise<Credential | null> {
    return this.credentials.get(
      id,
      () => this.store.credentials.get(id),
      (c) => c.revokedAt === null && verified(c),
    );
  }

  doctor(id: string): Promise<Doctor | null> {
    return this.doctors.get(id, () => this.store.directory.getDoctor(id));
  }

  clinic(id: string): Promise<Clinic | null> {
    return this.clinics.get(id, () => this.store.directory.getClinic(id));
  }

  forgetCredential(id: string): void {
    this.credentials.forget(id);
  }

  forgetDoctor(id: string): void {
    this.doctors.forget(id);
  }

  forgetClinic(id: string): void {
    this.clinics.forget(id);
  }

  /** Entries held now per kind (tests check the bound). */
  sizes(): { credentials: number; doctors: number; clinics: number } {
    return { credentials: this.credentials.size, doctors: this.doctors.size, clinics: this.clinics.size };
  }
}
