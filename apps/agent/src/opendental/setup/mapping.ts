import { isOdError, OdErrorCode } from "@sofia/opendental";
import type { Office } from "../office.ts";
import type { DoctorMapping } from "../settings.ts";

/** A mapping the office refuses (no such provider or operatory), in words for the person setting it up. */
export class MappingRefused extends Error {}

/**
 * Checks a doctor's mapping against the office: the provider must exist and be active, the
 * operatories must exist (else {@link MappingRefused}). A workstation Open Dental has never seen,
 * or a hidden provider, is only a warning: it may not have run Open Dental yet. Read-only.
 */
export async function checkMapping(office: Office, m: DoctorMapping): Promise<{ warnings: string[]; abbr: string }> {
  const provider = (await office.client.setup.providers()).find((p) => p.ProvNum === m.provider);
  if (!provider || provider.ProvStatus === "Deleted")
    throw new MappingRefused(`Open Dental has no provider ${m.provider} (sofia-agent opendental connect lists them)`);
  const warnings: string[] = [];
  if (provider.IsHidden) warnings.push(`provider ${m.provider} (${provider.Abbr}) is hidden in Open Dental`);
  const ops = new Set((await office.client.setup.operatories()).map((o) => o.OperatoryNum));
  const unknownOps = m.operatories.filter((o) => !ops.has(o));
  if (unknownOps.length > 0) throw new MappingRefused(`Open Dental has no operatory ${unknownOps.join(", ")}`);
  const computers = await office.client.setup.computers().catch((error: unknown) => {
    if (isOdError(error, OdErrorCode.VERSION_TOO_OLD)) return null;
    throw error;
  });
  const seen = new Set(computers?.map((c) => c.CompName.toUpperCase()) ?? []);
  for (const w of m.workstations) {
    if (computers && !seen.has(w.toUpperCase()))
      warnings.push(`Open Dental has not seen a workstation named ${w}: check the spelling (connect lists them)`);
  }
  return { warnings, abbr: provider.Abbr };
}
