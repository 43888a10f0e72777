import { HOLD_SENTENCES, type HoldCode } from "../../opendental/hold-reasons.ts";

/** The languages of the review page. */
export type Lang = "en" | "fr";

/**
 * The language of the browser: the first of `Accept-Language`'s ranges (by weight) that the page
 * speaks; English otherwise.
 */
export function pickLang(acceptLanguage: string | null): Lang {
  const ranges = (acceptLanguage ?? "")
    .slice(0, 500)
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { lang: tag.split("-")[0] ?? "", q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const first = ranges.find((r) => r.lang === "en" || r.lang === "fr");
  return first?.lang === "fr" ? "fr" : "en";
}

const FR_HOLDS: Readonly<Record<HoldCode, string>> = {
  no_current_patient: "aucun patient n'est au fauteuil de ce médecin",
  patient_mismatch: "le patient du compte rendu n'est pas celui qui est au fauteuil",
  ambiguous_patient: "plusieurs patients d'Open Dental ont le nom et la date de naissance du compte rendu",
  patient_not_found: "aucun patient d'Open Dental n'a les identifiants du compte rendu",
  missing_identifiers: "le compte rendu n'identifie pas assez son patient (un nom demande une date de naissance)",
  stale_selection: "le patient au fauteuil a été sélectionné avant la visite ou il y a trop longtemps",
  chair_confirmation_needed: "le compte rendu ne nomme aucun patient : confirmez le patient au fauteuil",
  review_required: "chaque compte rendu attend une vérification (opendental.review always)",
  not_configured: "aucun logiciel n'est configuré sur ce poste : le compte rendu attend ici",
  doctor_not_mapped: "ce médecin n'a pas de praticien Open Dental associé (sofia-agent opendental map)",
  setup_needed: "Open Dental demande un réglage avant d'écrire les comptes rendus",
  write_refused: "Open Dental a refusé l'écriture",
  write_unconfirmed: "la note a peut-être été écrite : vérifiez le dossier du patient avant de l'écrire à nouveau",
  note_too_long: "le compte rendu est plus long qu'une note Open Dental",
};

const EN = {
  toReview: (n: number) => (n === 1 ? "1 report to review" : `${n} reports to review`),
  reviewTitle: "Reports to review",
  nothing: "Nothing to review: every report was written or dealt with.",
  reason: "Why it waits",
  visit: "Visit",
  doctor: "Doctor",
  reportPatient: "Patient, as the report names them",
  received: "Received",
  open: "Review",
  hold: (code: HoldCode | null, raw: string | null) => (code ? HOLD_SENTENCES[code] : (raw ?? "")),
  noIdentifiers: "The report names no patient.",
  name: "Name",
  birthdate: "Birthdate",
  externalId: "External id",
  reportText: "The report",
  plainText: "Plain text",
  who: "Who is this report about?",
  patient: "Patient",
  age: "Age",
  years: (n: number) => `${n} y`,
  appointment: "Appointment today",
  operatory: "Operatory",
  why: "Why shown",
  choose: "Write to this patient…",
  searchLabel: "Find another patient by name (the last name, or its start; “Lopez, So” for a first name)",
  search: "Search",
  searchResults: (q: string) => `Patients found for “${q}”`,
  noResults: "No patient found.",
  noCandidates: "No patient to propose: search by name below.",
  discardTitle: "Discard this report",
  discardReason: "Why discard it (required, recorded with your name)",
  discard: "Discard the report",
  confirmTitle: "Write the report to this patient?",
  confirmWrite: (name: string, born: string) => `Write to ${name}, born ${born}`,
  back: "Back",
  yourName: "Your name (recorded with each decision on this PC)",
  save: "Save",
  youAre: (name: string) => `You are ${name}.`,
  change: "Change",
  nameFirst: "Type your name above before writing or discarding a report.",
  handled: "This report was already dealt with (in another tab, or it changed since this page was shown).",
  notConnected: "Open Dental is not connected on this PC: the report can be discarded, not written.",
  noDoctor: "This doctor has no Open Dental provider mapped (sofia-agent opendental map).",
  patientNotFound: "Open Dental has no such patient.",
  odProblem: (code: string) => `Open Dental did not answer as expected (${code}). Try again in a moment.`,
  state: (state: string) =>
    ({
      bound: "Being written to Open Dental…",
      written: "Written to Open Dental.",
      dead: "Discarded.",
      received: "Waiting to be processed.",
      failed: "The last attempt failed; it will be tried again.",
      held: "Waiting for review.",
    })[state] ?? state,
  chair: (place: string) => `in the chair now (${place})`,
  named: "the report's PatNum",
  sameName: "same last name",
  sameBirthdate: "same birthdate",
  selected: (ws: string, since: string) => `selected on ${ws} since ${since}`,
  hasAppointment: "appointment today",
  found: "search",
  seated: (t: string) => `seated ${t}`,
  toList: "← Reports to review",
  status: "Agent status",
  unknown: "unknown",
};

/** Every text of the review page, in one language. */
export type Messages = typeof EN;

const FR: Messages = {
  ...EN,
  toReview: (n) => (n === 1 ? "1 compte rendu à vérifier" : `${n} comptes rendus à vérifier`),
  reviewTitle: "Comptes rendus à vérifier",
  nothing: "Rien à vérifier : chaque compte rendu a été écrit ou traité.",
  reason: "Pourquoi il attend",
  visit: "Visite",
  doctor: "Médecin",
  reportPatient: "Patient, selon le compte rendu",
  received: "Reçu",
  open: "Vérifier",
  hold: (code, raw) => (code ? FR_HOLDS[code] : (raw ?? "")),
  noIdentifiers: "Le compte rendu ne nomme aucun patient.",
  name: "Nom",
  birthdate: "Date de naissance",
  externalId: "Identifiant externe",
  reportText: "Le compte rendu",
  plainText: "Texte brut",
  who: "De quel patient s'agit-il ?",
  age: "Âge",
  years: (n) => `${n} ans`,
  appointment: "Rendez-vous aujourd'hui",
  operatory: "Fauteuil",
  why: "Pourquoi proposé",
  choose: "Écrire pour ce patient…",
  searchLabel: "Chercher un autre patient par son nom (le nom de famille ou son début ; « Lopez, So » pour un prénom)",
  search: "Chercher",
  searchResults: (q) => `Patients trouvés pour « ${q} »`,
  noResults: "Aucun patient trouvé.",
  noCandidates: "Aucun patient à proposer : cherchez par nom ci-dessous.",
  discardTitle: "Écarter ce compte rendu",
  discardReason: "Pourquoi l'écarter (obligatoire, enregistré avec votre nom)",
  discard: "Écarter le compte rendu",
  confirmTitle: "Écrire le compte rendu pour ce patient ?",
  confirmWrite: (name, born) => `Écrire pour ${name}, né(e) le ${born}`,
  back: "Retour",
  yourName: "Votre nom (enregistré avec chaque décision sur ce poste)",
  save: "Enregistrer",
  youAre: (name) => `Vous êtes ${name}.`,
  change: "Changer",
  nameFirst: "Tapez votre nom ci-dessus avant d'écrire ou d'écarter un compte rendu.",
  handled: "Ce compte rendu a déjà été traité (dans un autre onglet, ou il a changé depuis l'affichage de cette page).",
  notConnected: "Open Dental n'est pas connecté sur ce poste : le compte rendu peut être écarté, pas écrit.",
  noDoctor: "Ce médecin n'a pas de praticien Open Dental associé (sofia-agent opendental map).",
  patientNotFound: "Open Dental n'a pas ce patient.",
  odProblem: (code) => `Open Dental n'a pas répondu comme prévu (${code}). Réessayez dans un instant.`,
  state: (state) =>
    ({
      bound: "En cours d'écriture dans Open Dental…",
      written: "Écrit dans Open Dental.",
      dead: "Écarté.",
      received: "En attente de traitement.",
      failed: "La dernière tentative a échoué ; elle sera refaite.",
      held: "En attente de vérification.",
    })[state] ?? state,
  chair: (place) => `au fauteuil maintenant (${place})`,
  named: "le PatNum du compte rendu",
  sameName: "même nom de famille",
  sameBirthdate: "même date de naissance",
  selected: (ws, since) => `sélectionné sur ${ws} depuis ${since}`,
  hasAppointment: "rendez-vous aujourd'hui",
  found: "recherche",
  seated: (t) => `installé à ${t}`,
  toList: "← Comptes rendus à vérifier",
  status: "État de l'agent",
  unknown: "inconnu",
};

/** The texts in `lang`. */
export function messages(lang: Lang): Messages {
  return lang === "fr" ? FR : EN;
}
