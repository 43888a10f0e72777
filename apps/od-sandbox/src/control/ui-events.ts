import { loadLookups } from "../api/lookups.ts";
import { patientSelectedView } from "../api/views/patient.ts";
import { type OfficeClock, officeNow } from "../clock.ts";
import { MIN_DATE_TIME } from "../format.ts";
import type { OdStore } from "../store/store.ts";

/** What happened to one subscriber when an event fired. */
export interface Delivery {
  SubscriptionNum: number;
  EndPointUrl: string;
  /** The subscriber's HTTP status, or undefined when it could not be reached. */
  status?: number;
  error?: string;
}

/** The outcome of a simulated patient selection. */
export interface SelectionResult {
  /** False when the workstation already had this patient selected: Open Dental does not re-fire [S10]. */
  fired: boolean;
  deliveries: Delivery[];
}

/**
 * UI events as OpenDental.exe fires them [S9][S10]: when a user selects a patient on a
 * workstation, every `PatientSelected` subscription for that workstation (or for all, when its
 * Workstation is blank) gets a POST of the patient's JSON with `Authorization: {CustomerKey}`,
 * `Workstation` and `Event-Type: UiEventType: PatientSelected` headers. Delivery is blind, without retries [S30: apisubscription].
 */
export class UiEvents {
  private readonly selected = new Map<string, number>();

  constructor(
    private readonly store: OdStore,
    private readonly clock: OfficeClock,
    private readonly send: typeof fetch = fetch,
    private readonly timeoutMs = 5000,
  ) {}

  /** Simulates a user selecting `patNum` in OpenDental.exe on `workstation`. */
  async selectPatient(patNum: number, workstation: string): Promise<SelectionResult | undefined> {
    const patient = await this.store.get("patient", patNum);
    if (!patient) return undefined;
    // Inferred: workstation names compare case-insensitively, as Windows machine names do.
    const station = workstation.toUpperCase();
    if (this.selected.get(station) === patNum) return { fired: false, deliveries: [] };
    this.selected.set(station, patNum);
    await this.heartbeat(workstation);
    const body = JSON.stringify(patientSelectedView(patient, await loadLookups(this.store)));
    const now = officeNow(this.clock);
    const subscriptions = (
      await this.store.select("apisubscription", {
        where: [{ column: "UiEventType", op: "=", value: "PatientSelected" }],
      })
    ).filter(
      (s) =>
        (s.Workstation === "" || s.Workstation.toUpperCase() === station) &&
        s.DateTimeStart <= now &&
        (s.DateTimeStop === MIN_DATE_TIME || s.DateTimeStop > now),
    );
    const deliveries = await Promise.all(
      subscriptions.map(async (s): Promise<Delivery> => {
        const delivery: Delivery = { SubscriptionNum: s.ApiSubscriptionNum, EndPointUrl: s.EndPointUrl };
        try {
          const response = await this.send(s.EndPointUrl, {
            method: "POST",
            headers: {
              Authorization: s.CustomerKey,
              Workstation: workstation,
              // [S9]: the header names the kind of event and its type, "UiEventType: PatientSelected".
              "Event-Type": "UiEventType: PatientSelected",
              "Content-Type": "application/json",
            },
            body,
            signal: AbortSignal.timeout(this.timeoutMs),
          });
          await response.body?.cancel();
          return { ...delivery, status: response.status };
        } catch (error) {
          return { ...delivery, error: error instanceof Error ? error.name : "error" };
        }
      }),
    );
    return { fired: true, deliveries };
  }

  /**
   * Records that OpenDental.exe runs on `workstation`: its `computer` row (added the first time)
   * gets a fresh LastHeartBeat, as the real program stamps every 3 minutes [S48].
   */
  async heartbeat(workstation: string): Promise<void> {
    const now = officeNow(this.clock);
    const [known] = (await this.store.select("computer")).filter(
      (c) => c.CompName.toUpperCase() === workstation.toUpperCase(),
    );
    if (known) await this.store.update("computer", known.ComputerNum, { LastHeartBeat: now });
    else await this.store.insert("computer", { CompName: workstation.toUpperCase(), LastHeartBeat: now });
  }
}
