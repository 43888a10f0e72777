import type { RowOf } from "../store/tables.ts";

type DemoPatient = Pick<
  RowOf<"patient">,
  | "LName"
  | "FName"
  | "Birthdate"
  | "Gender"
  | "HmPhone"
  | "WirelessPhone"
  | "Email"
  | "Address"
  | "City"
  | "State"
  | "Zip"
> &
  Partial<RowOf<"patient">>;

const p = (
  LName: string,
  FName: string,
  Birthdate: string,
  Gender: number,
  n: number,
  extra: Partial<RowOf<"patient">> = {},
): DemoPatient => ({
  LName,
  FName,
  Birthdate,
  Gender,
  HmPhone: `(503)555-01${String(n).padStart(2, "0")}`,
  WirelessPhone: `(971)555-02${String(n).padStart(2, "0")}`,
  Email: `${FName.toLowerCase()}.${LName.toLowerCase()}@example.com`,
  Address: `${100 + n} Alder St`,
  City: "Portland",
  State: "OR",
  Zip: "97205",
  ...extra,
});

/**
 * Twenty synthetic patients (names invented; phones in the 555-01xx fiction range, e-mail at
 * example.com). Look-alikes share a name but not a birthdate, for testing that clients check both.
 */
export const DEMO_PATIENTS: DemoPatient[] = [
  p("Nguyen", "Linh", "1984-02-11", 1, 1),
  p("Garcia", "Mateo", "1979-07-30", 0, 2),
  p("Okafor", "Chidi", "1991-11-05", 0, 3),
  p("Smith", "John", "1962-04-18", 0, 4),
  p("Smith", "John", "1995-09-02", 0, 5, { MiddleI: "R" }),
  p("Kowalski", "Anna", "1988-01-23", 1, 6),
  p("Kowalski", "Anna", "2010-06-14", 1, 7, { Position: 2 }),
  p("Haddad", "Omar", "1975-12-01", 0, 8, { Preferred: "Om" }),
  p("Johansson", "Elsa", "1999-03-27", 1, 9),
  p("Brown", "Maya", "2014-08-19", 1, 10, { Position: 2 }),
  p("Tanaka", "Hiro", "1968-05-09", 0, 11),
  p("Lopez", "Sofia", "1983-10-12", 1, 12),
  p("Lopez", "Sofia", "1983-10-21", 1, 13),
  p("O'Brien", "Sean", "1970-02-28", 0, 14),
  p("Ivanova", "Daria", "1993-07-07", 1, 15),
  p("Dubois", "Claire", "1957-11-30", 1, 16, { Premed: 1 }),
  p("Mensah", "Kwame", "1986-04-04", 0, 17),
  p("Patel", "Priya", "1990-12-25", 1, 18),
  p("Reyes", "Gabriel", "2001-01-15", 0, 19),
  p("Walker", "Avery", "0001-01-01", 2, 20, { PatStatus: 2 }),
];
