import type { Lang } from "../language.ts";

export { type Lang, pickLang } from "../language.ts";

const EN = {
  title: "Open Dental setup",
  back: "← Sofia agent",
  intro:
    "Connect this agent to the office's Open Dental, then say which provider and chairs are each doctor's. Everything here only reads from Open Dental: no test note is written (notes cannot be deleted).",
  connectTitle: "1. Connect",
  url: "API address",
  urlHelp:
    "The API Service (http://SERVER:30223), the Local API (http://localhost:30222) or remote; several, comma-separated, are tried in order.",
  developerKey: "Developer key",
  customerKey: "Customer key",
  keyStored: (masked: string) => `stored: ${masked} (leave empty to keep it)`,
  keysForNewAddress: "a new API address needs both keys typed again (the stored keys only go to the stored address)",
  connect: "Check and save",
  officeTitle: "2. The office",
  notConnected: "Not connected yet: paste the keys and the API address above.",
  unreachable: "Open Dental could not be read with the stored settings:",
  version: "Open Dental version",
  providers: "Providers",
  operatories: "Operatories",
  workstations: "Workstations",
  tooOld: "This office's Open Dental is older than 23.1.30 and cannot list them.",
  running: "running",
  notRunning: "not running",
  hygienist: "hygienist",
  mapTitle: "3. Each doctor",
  doctor: "Doctor",
  provider: "Provider",
  chooseProvider: "Choose the provider…",
  allOps: "None ticked: every operatory counts for this provider.",
  save: "Save the mapping",
  noDoctor: "This agent is not enrolled yet: no doctor to map (sofia-agent enroll).",
  checkTitle: "4. Read-only check",
  passed: "Check passed",
  failed: "Check not passed",
  checks: {
    keys: "Open Dental answered with these keys (read-only calls)",
    noteCode: (code: string) => `The note's procedure code ${code} exists`,
    seated: "A status marks a patient as seated",
    mapped: (doctor: string) => `${doctor} is mapped to an active provider`,
  },
  saved: { connected: "Connected: the keys are stored protected.", mapped: "Mapping saved." },
  warning: "Warning",
  problem: "Not saved",
};
export type Text = typeof EN;

const FR: Text = {
  title: "Configuration d'Open Dental",
  back: "← Agent Sofia",
  intro:
    "Reliez cet agent à l'Open Dental du cabinet, puis indiquez le praticien et les fauteuils de chaque docteur. Cette page ne fait que lire dans Open Dental : aucune note d'essai n'est écrite (une note ne peut pas être supprimée).",
  connectTitle: "1. Connexion",
  url: "Adresse de l'API",
  urlHelp:
    "Le service API (http://SERVEUR:30223), l'API locale (http://localhost:30222) ou remote ; plusieurs, séparées par des virgules, sont essayées dans l'ordre.",
  developerKey: "Clé développeur",
  customerKey: "Clé client",
  keyStored: (masked: string) => `enregistrée : ${masked} (laisser vide pour la garder)`,
  keysForNewAddress:
    "une nouvelle adresse d’API demande de saisir à nouveau les deux clés (les clés enregistrées ne vont qu’à l’adresse enregistrée)",
  connect: "Vérifier et enregistrer",
  officeTitle: "2. Le cabinet",
  notConnected: "Pas encore connecté : collez les clés et l'adresse de l'API ci-dessus.",
  unreachable: "Open Dental n'a pas pu être lu avec les réglages enregistrés :",
  version: "Version d'Open Dental",
  providers: "Praticiens",
  operatories: "Salles (operatories)",
  workstations: "Postes de travail",
  tooOld: "L'Open Dental de ce cabinet est antérieur à 23.1.30 et ne peut pas les lister.",
  running: "en marche",
  notRunning: "arrêté",
  hygienist: "hygiéniste",
  mapTitle: "3. Chaque docteur",
  doctor: "Docteur",
  provider: "Praticien",
  chooseProvider: "Choisissez le praticien…",
  allOps: "Aucune cochée : toutes les salles comptent pour ce praticien.",
  save: "Enregistrer l'association",
  noDoctor: "Cet agent n'est pas encore inscrit : aucun docteur à associer (sofia-agent enroll).",
  checkTitle: "4. Vérification en lecture seule",
  passed: "Vérification réussie",
  failed: "Vérification non réussie",
  checks: {
    keys: "Open Dental a répondu avec ces clés (lectures seulement)",
    noteCode: (code: string) => `Le code d'acte de la note ${code} existe`,
    seated: "Un statut marque le patient comme installé au fauteuil",
    mapped: (doctor: string) => `${doctor} est associé à un praticien actif`,
  },
  saved: { connected: "Connecté : les clés sont enregistrées protégées.", mapped: "Association enregistrée." },
  warning: "Attention",
  problem: "Non enregistré",
};

/** The page's words in `lang`. */
export function text(lang: Lang): Text {
  return lang === "fr" ? FR : EN;
}
