import type { Database } from "bun:sqlite";
import { ReportLayout } from "@sofia/protocol";
import { z } from "zod";
import { clinicAuthConfigSchema } from "../../users/clinic-auth-config.ts";
import { AlreadyExistsError } from "../errors.ts";
import type { Clinic, Doctor } from "../records.ts";
import type { Directory } from "../store.ts";
import type { SyncMethods } from "./sync-store.ts";

interface ClinicRow {
  id: string;
  name: string;
  allow_multiple_agents: number;
  report_layout: string;
  user_auth: string | null;
  allowed_origins: string;
  created_at: string;
}

// Settings were checked against the operator's rules when set (`clinics auth`); reading them back
// only checks their shape, so a developer hub's loopback JWKS URL still reads.
const StoredUserAuth = clinicAuthConfigSchema({ allowLoopbackHttp: true }).omit({ clinicId: true });
interface DoctorRow {
  id: string;
  clinic_id: string;
  name: string;
  created_at: string;
}

const AllowedOrigins = z.array(z.string().max(300)).max(100);

const toClinic = (r: ClinicRow): Clinic => ({
  id: r.id,
  name: r.name,
  allowMultipleAgents: r.allow_multiple_agents === 1,
  reportLayout: ReportLayout.parse(JSON.parse(r.report_layout)),
  userAuth: r.user_auth === null ? null : StoredUserAuth.parse(JSON.parse(r.user_auth)),
  allowedOrigins: AllowedOrigins.parse(JSON.parse(r.allowed_origins)),
  createdAt: r.created_at,
});
const toDoctor = (r: DoctorRow): Doctor => ({
  id: r.id,
  clinicId: r.clinic_id,
  name: r.name,
  createdAt: r.created_at,
});

/** Clinics and doctors in SQLite. */
export function sqliteDirectory(db: Database): SyncMethods<Directory> {
  const clinicById = db.query<ClinicRow, [string]>("SELECT * FROM clinics WHERE id = ?");
  const doctorById = db.query<DoctorRow, [string]>("SELECT * FROM doctors WHERE id = ?");
  return {
    ensureClinic(clinic) {
      db.query("INSERT OR IGNORE INTO clinics (id, name, created_at) VALUES (?, ?, ?)").run(
        clinic.id,
        clinic.name,
        clinic.createdAt,
      );
      const row = clinicById.get(clinic.id);
      if (!row) throw new Error(`clinic ${clinic.id} vanished after insert`);
      return toClinic(row);
    },
    getClinic(id) {
      const row = clinicById.get(id);
      return row ? toClinic(row) : null;
    },
    setAllowMultipleAgents(clinicId, allow) {
      return (
        db.query("UPDATE clinics SET allow_multiple_agents = ? WHERE id = ?").run(allow ? 1 : 0, clinicId).changes > 0
      );
    },
    setReportLayout(clinicId, layout) {
      const json = JSON.stringify(ReportLayout.parse(layout));
      return db.query("UPDATE clinics SET report_layout = ? WHERE id = ?").run(json, clinicId).changes > 0;
    },
    setUserAuth(clinicId, auth) {
      const json = auth === null ? null : JSON.stringify(StoredUserAuth.parse(auth));
      return db.query("UPDATE clinics SET user_auth = ? WHERE id = ?").run(json, clinicId).changes > 0;
    },
    setAllowedOrigins(clinicId, origins) {
      const json = JSON.stringify(AllowedOrigins.parse(origins));
      return db.query("UPDATE clinics SET allowed_origins = ? WHERE id = ?").run(json, clinicId).changes > 0;
    },
    createDoctor(doctor) {
      if (doctorById.get(doctor.id)) throw new AlreadyExistsError("doctor", doctor.id);
      db.query("INSERT INTO doctors (id, clinic_id, name, created_at) VALUES (?, ?, ?, ?)").run(
        doctor.id,
        doctor.clinicId,
        doctor.name,
        doctor.createdAt,
      );
      return doctor;
    },
    getDoctor(id) {
      const row = doctorById.get(id);
      return row ? toDoctor(row) : null;
    },
    listDoctors() {
      return db.query<DoctorRow, []>("SELECT * FROM doctors ORDER BY clinic_id, id").all().map(toDoctor);
    },
  };
}
