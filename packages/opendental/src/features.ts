import type { Clock } from "./clock.ts";
import { GATED_FEATURES, type GatedFeature, isAtLeast, type OdVersion, parseOdVersion } from "./version.ts";

/** Whether the office has a feature: known from its version or its answers, or not known yet. */
export type Support = "supported" | "unsupported" | "unknown";

/** What the client knows of the office's version and its gated features. */
export interface OfficeFeatures {
  /** "24.3.10.0", or null when the office did not say (see {@link FeatureTracker}). */
  version: string | null;
  features: Record<GatedFeature, Support>;
  /** When the version was last read (client clock, ms); null if never. */
  checkedAt: number | null;
}

/**
 * Tracks the office's gated features. The version comes from the office's `ProgramVersion`
 * preference (read through Preferences GET; inferred: Open Dental keeps the running version
 * there, as its own code reads it). The office's answers then overrule it: a 400 saying the
 * version is too old marks that feature unsupported until the version is read again.
 */
export class FeatureTracker {
  private version: OdVersion | null = null;
  private text: string | null = null;
  private checkedAt: number | null = null;
  private readonly refused = new Set<GatedFeature>();

  constructor(
    private readonly clock: Clock,
    /** How long a version reading is trusted; offices update rarely, but do update. */
    private readonly ttlMs: number,
  ) {}

  /** True when the version should be (re)read before relying on it. */
  get stale(): boolean {
    return this.checkedAt === null || this.clock.now() - this.checkedAt >= this.ttlMs;
  }

  /** Records the office's ProgramVersion (or its absence). Forgets earlier refusals if it changed. */
  setVersion(text: string | null): void {
    const parsed = text === null ? undefined : parseOdVersion(text);
    const next = parsed ?? null;
    if (next?.join(".") !== this.version?.join(".")) this.refused.clear();
    this.version = next;
    this.text = parsed ? parsed.join(".") : null;
    this.checkedAt = this.clock.now();
  }

  /** The office refused `feature` as too new for it. */
  refuse(feature: GatedFeature): void {
    this.refused.add(feature);
  }

  /** Whether the office has `feature`, as far as its version and its answers tell. */
  support(feature: GatedFeature): Support {
    if (this.refused.has(feature)) return "unsupported";
    if (!this.version) return "unknown";
    const since = parseOdVersion(GATED_FEATURES[feature].since);
    return since && isAtLeast(this.version, since) ? "supported" : "unsupported";
  }

  /** The version and every gated feature's support, for status pages. */
  snapshot(): OfficeFeatures {
    const features = {} as Record<GatedFeature, Support>;
    for (const name of Object.keys(GATED_FEATURES) as GatedFeature[]) features[name] = this.support(name);
    return { version: this.text, features, checkedAt: this.checkedAt };
  }
}
