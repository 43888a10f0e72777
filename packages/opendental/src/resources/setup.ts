import { z } from "zod";
import { ArgKey, argText, checkArgs } from "../args.ts";
import { type ApiContext, fetchAll, fetchOne, mayUse, tooOld, unlessTooOld } from "../context.ts";
import { OdComputer, OdDefinition, OdOperatory, OdPreference, OdProcedureCode, OdProvider } from "../schemas/setup.ts";
import { odList } from "../wire.ts";

/** Definition categories a writer reads ([S30] DefCat). */
export const DefinitionCategory = {
  /** Appointment confirmation statuses, including the office's "arrived", "seated", "dismissed". */
  ApptConfirmed: 2,
  BillingTypes: 4,
  ImageCats: 18,
  CommLogTypes: 27,
} as const;

/** The preferences naming the ApptConfirmed definitions that stamp the waiting-room times. */
export const TRIGGER_PREFERENCES = {
  arrived: "AppointmentTimeArrivedTrigger",
  seated: "AppointmentTimeSeatedTrigger",
  dismissed: "AppointmentTimeDismissedTrigger",
} as const;

/** The office's confirmation statuses and which of them mean arrived, seated and dismissed (0: none). */
export interface ConfirmationSetup {
  statuses: OdDefinition[];
  arrived: number;
  seated: number;
  dismissed: number;
}

/**
 * The office's setup: providers, operatories, workstations, definitions, preferences and procedure
 * codes (apiproviders.html, apioperatories.html, apicomputers.html, apidefinitions.html,
 * apipreferences.html, apiprocedurecodes.html). All read-only.
 */
export class SetupApi {
  constructor(private readonly ctx: ApiContext) {}

  /** Every provider, hidden and deleted ones included (filter on `IsHidden`, `ProvStatus`). */
  async providers(): Promise<OdProvider[]> {
    return fetchAll(this.ctx, {
      method: "GET",
      path: "/providers",
      template: "/providers",
      schema: odList(OdProvider),
    });
  }

  /** Every operatory. */
  async operatories(): Promise<OdOperatory[]> {
    const spec = {
      method: "GET",
      path: "/operatories",
      template: "/operatories",
      schema: odList(OdOperatory),
    } as const;
    return fetchAll(this.ctx, spec);
  }

  /** Every workstation Open Dental knows, with its last heartbeat (since 23.1.30). */
  async computers(): Promise<OdComputer[]> {
    if (!(await mayUse(this.ctx, "computers"))) throw tooOld("computers", "GET /computers");
    const spec = { method: "GET", path: "/computers", template: "/computers", schema: odList(OdComputer) } as const;
    const rows = await unlessTooOld(this.ctx, "computers", () => fetchAll(this.ctx, spec));
    if (rows === undefined) throw tooOld("computers", "GET /computers");
    return rows;
  }

  /** The definitions of one category, hidden ones too unless `includeHidden` is false. */
  async definitions(category: number, includeHidden = true): Promise<OdDefinition[]> {
    const Category = checkArgs(z.number().int().min(0).max(255), category, "GET /definitions");
    return fetchAll(this.ctx, {
      method: "GET",
      path: "/definitions",
      template: "/definitions",
      query: { Category, includeHidden },
      schema: odList(OdDefinition),
    });
  }

  /** One preference by name, or null when the office has none by that name. */
  async preference(name: string): Promise<OdPreference | null> {
    const PrefName = checkArgs(argText(100).min(1), name, "GET /preferences");
    const rows = await fetchOne(this.ctx, {
      method: "GET",
      path: "/preferences",
      template: "/preferences",
      query: { PrefName },
      schema: odList(OdPreference),
    });
    return rows.find((p) => p.PrefName === PrefName) ?? null;
  }

  /** The confirmation statuses (Category 2) and the three waiting-room trigger preferences. */
  async confirmationSetup(): Promise<ConfirmationSetup> {
    const statuses = await this.definitions(DefinitionCategory.ApptConfirmed);
    const trigger = async (name: string) => {
      const value = Number((await this.preference(name))?.ValueString ?? "0");
      return Number.isSafeInteger(value) && value > 0 ? value : 0;
    };
    return {
      statuses,
      arrived: await trigger(TRIGGER_PREFERENCES.arrived),
      seated: await trigger(TRIGGER_PREFERENCES.seated),
      dismissed: await trigger(TRIGGER_PREFERENCES.dismissed),
    };
  }

  /** Every procedure code of the office (several hundred: cache the result). */
  async procedureCodes(): Promise<OdProcedureCode[]> {
    const schema = odList(OdProcedureCode);
    return fetchAll(this.ctx, { method: "GET", path: "/procedurecodes", template: "/procedurecodes", schema });
  }

  /** The procedure code spelled `procCode` (exactly, as Open Dental compares codes), or null. */
  async procedureCode(procCode: string): Promise<OdProcedureCode | null> {
    const code = checkArgs(argText(15).min(1), procCode, "GET /procedurecodes");
    return (await this.procedureCodes()).find((c) => c.ProcCode === code) ?? null;
  }

  /** One provider by ProvNum (since 24.4.17; older offices: look it up in {@link providers}). */
  async provider(provNum: number): Promise<OdProvider> {
    const id = checkArgs(ArgKey, provNum, "GET /providers/{id}");
    return fetchOne(this.ctx, {
      method: "GET",
      path: `/providers/${id}`,
      template: "/providers/{id}",
      schema: OdProvider,
    });
  }

  /**
   * The office server's clock now, office-local "yyyy-MM-dd HH:mm:ss": the `serverDateTime` of a
   * Providers GET (every office has a provider). Judge "today" and "seated since" by this, never
   * by the workstation's clock. Null if the office sent none.
   */
  async serverTime(): Promise<string | null> {
    const [first] = await fetchOne(this.ctx, {
      method: "GET",
      path: "/providers",
      template: "/providers",
      offset: 0,
      pageSize: 1,
      schema: odList(OdProvider),
    });
    return first?.serverDateTime ?? null;
  }
}
