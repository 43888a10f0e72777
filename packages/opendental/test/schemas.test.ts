import { describe, expect, test } from "bun:test";
import {
  OdAppointment,
  OdCommlog,
  OdComputer,
  OdDefinition,
  OdDocumentListItem,
  OdOperatory,
  OdPatient,
  OdPatientListItem,
  OdPreference,
  OdProcedure,
  OdProcedureCode,
  OdProcNote,
  OdProvider,
  OdSelectedPatient,
  OdSubscription,
} from "../src/index.ts";
import * as doc from "./fixtures/documented.ts";

describe("the schemas accept exactly what Open Dental sends", () => {
  test("a patient: dates, the BillingType name, 0001-01-01 as null", () => {
    expect(OdPatient.parse(doc.PATIENT)).toMatchObject({
      PatNum: 48,
      Birthdate: "1976-05-24",
      BillingType: "Standard Account",
    });
    expect(OdPatient.parse({ ...doc.PATIENT, Birthdate: "0001-01-01" }).Birthdate).toBeNull();
    expect(OdPatientListItem.parse(doc.PATIENT_LIST_ITEM).PatNum).toBe(16);
    // The recorded test office: BillingType is the definition's name, never its number.
    expect(OdPatient.parse({ ...doc.PATIENT, BillingType: "Billing Type 1" }).BillingType).toBe("Billing Type 1");
    expect(OdPatient.safeParse({ ...doc.PATIENT, BillingType: 40 }).success).toBe(false);
  });

  test("the PatientSelected event body: ClinicNum as text becomes a number", () => {
    expect(OdSelectedPatient.parse(doc.PATIENT_SELECTED)).toMatchObject({
      PatNum: 28,
      ClinicNum: 1,
      Preferred: "Brad",
    });
  });

  test('booleans are "true"/"false" only; a real boolean or 1 is not what Open Dental sends', () => {
    expect(OdProvider.parse(doc.PROVIDER)).toMatchObject({
      IsSecondary: true,
      IsHidden: false,
      provColor: "164,164,255",
    });
    expect(OdProvider.parse({ ...doc.PROVIDER, provColor: "255,230,140" }).provColor).toBe("255,230,140");
    expect(OdProvider.safeParse({ ...doc.PROVIDER, IsSecondary: true }).success).toBe(false);
    expect(OdProvider.safeParse({ ...doc.PROVIDER, provColor: 16_777_215 }).success).toBe(false);
  });

  test("an appointment: unset waiting-room times are null", () => {
    const apt = OdAppointment.parse(doc.APPOINTMENT);
    expect(apt).toMatchObject({ Confirmed: 19, confirmed: "Not Called", DateTimeSeated: null, IsHygiene: false });
  });

  test('a procedure: ProcFee "60.00" or "125.95" is a number, and ProcedureLogs POST\'s empty stamps are null', () => {
    const created = OdProcedure.parse(doc.PROCEDURE_CREATED);
    expect(created).toMatchObject({ ProcFee: 125.95, ClinicNum: 0, DateTStamp: null, serverDateTime: null });
    expect(OdProcedure.parse({ ...doc.PROCEDURE_CREATED, ProcFee: "60.00" }).ProcFee).toBe(60);
    expect(OdProcedure.safeParse({ ...doc.PROCEDURE_CREATED, ProcFee: "sixty" }).success).toBe(false);
  });

  test("a procnote, a commlog (CommType as text), a document list row with a mount, a subscription", () => {
    expect(OdProcNote.parse(doc.PROCNOTE)).toMatchObject({ isSigned: true, SigIsTopaz: false, UserNum: 0 });
    expect(OdCommlog.parse(doc.COMMLOG).CommType).toBe(239);
    expect(OdDocumentListItem.parse(doc.DOCUMENT_MOUNT)).toMatchObject({ DocNum: 0, MountNum: 15, PatNum: 101 });
    const sub = OdSubscription.parse(doc.SUBSCRIPTION);
    expect(sub).toMatchObject({ SubscriptionNum: 18, DateTimeStop: null, UiEventType: "PatientSelected" });
    // The customer key is a secret: not kept.
    expect(sub).not.toHaveProperty("CustomerKey");
  });

  test("operatories, computers, definitions, preferences, procedure codes", () => {
    expect(OdOperatory.parse(doc.OPERATORY)).toMatchObject({ OperatoryNum: 1, IsHygiene: false, ClinicNum: 2 });
    expect(OdComputer.parse(doc.COMPUTER).LastHeartBeat).toBe("2023-06-28 14:55:25");
    expect(OdDefinition.parse(doc.DEFINITION)).toMatchObject({ Category: 1, isHidden: false });
    expect(OdPreference.parse(doc.PREFERENCE).ValueString).toBe("365");
    expect(OdProcedureCode.parse(doc.PROCEDURE_CODE)).toMatchObject({ ProcCode: "D0120", TreatArea: "Mouth" });
  });

  test("new fields are ignored (an office newer than the client), a missing relied-on field is not", () => {
    expect(OdAppointment.parse({ ...doc.APPOINTMENT, SomethingAddedIn27_1: "x" }).AptNum).toBe(18);
    const { DateTimeSeated: _, ...withoutSeated } = doc.APPOINTMENT;
    expect(OdAppointment.safeParse(withoutSeated).success).toBe(false);
  });
});
