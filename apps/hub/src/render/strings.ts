import type { ReportSection } from "@sofia/protocol";

/** The words a rendering needs besides the report's own text. */
export interface LocaleStrings {
  documentTitle: string;
  patient: string;
  birthdate: string;
  doctor: string;
  clinic: string;
  visitDate: string;
  notGiven: string;
  sections: Readonly<Record<ReportSection, string>>;
}

/** Strings per primary language subtag. A clinic can override section titles (docs/renderings.md). */
export const STRINGS: Readonly<Record<string, LocaleStrings>> = {
  en: {
    documentTitle: "Clinical report",
    patient: "Patient",
    birthdate: "Date of birth",
    doctor: "Doctor",
    clinic: "Clinic",
    visitDate: "Visit date",
    notGiven: "(not given)",
    sections: {
      history: "History",
      findings: "Findings",
      diagnosis: "Diagnosis",
      procedure: "Procedure",
      recommendation: "Recommendation",
    },
  },
  fr: {
    documentTitle: "Compte rendu clinique",
    patient: "Patient",
    birthdate: "Date de naissance",
    doctor: "Praticien",
    clinic: "Cabinet",
    visitDate: "Date de la consultation",
    notGiven: "(non renseigné)",
    sections: {
      history: "Antécédents",
      findings: "Examen clinique",
      diagnosis: "Diagnostic",
      procedure: "Actes réalisés",
      recommendation: "Recommandations",
    },
  },
  de: {
    documentTitle: "Klinischer Bericht",
    patient: "Patient",
    birthdate: "Geburtsdatum",
    doctor: "Behandler",
    clinic: "Praxis",
    visitDate: "Behandlungsdatum",
    notGiven: "(nicht angegeben)",
    sections: {
      history: "Anamnese",
      findings: "Befund",
      diagnosis: "Diagnose",
      procedure: "Behandlung",
      recommendation: "Empfehlung",
    },
  },
  ar: {
    documentTitle: "تقرير سريري",
    patient: "المريض",
    birthdate: "تاريخ الميلاد",
    doctor: "الطبيب",
    clinic: "العيادة",
    visitDate: "تاريخ الزيارة",
    notGiven: "(غير محدد)",
    sections: {
      history: "التاريخ المرضي",
      findings: "نتائج الفحص",
      diagnosis: "التشخيص",
      procedure: "الإجراء",
      recommendation: "التوصيات",
    },
  },
  es: {
    documentTitle: "Informe clínico",
    patient: "Paciente",
    birthdate: "Fecha de nacimiento",
    doctor: "Doctor",
    clinic: "Clínica",
    visitDate: "Fecha de la visita",
    notGiven: "(no indicado)",
    sections: {
      history: "Antecedentes",
      findings: "Hallazgos",
      diagnosis: "Diagnóstico",
      procedure: "Procedimiento",
      recommendation: "Recomendaciones",
    },
  },
  it: {
    documentTitle: "Referto clinico",
    patient: "Paziente",
    birthdate: "Data di nascita",
    doctor: "Medico",
    clinic: "Studio",
    visitDate: "Data della visita",
    notGiven: "(non indicato)",
    sections: {
      history: "Anamnesi",
      findings: "Esame obiettivo",
      diagnosis: "Diagnosi",
      procedure: "Trattamento",
      recommendation: "Raccomandazioni",
    },
  },
  pt: {
    documentTitle: "Relatório clínico",
    patient: "Paciente",
    birthdate: "Data de nascimento",
    doctor: "Médico",
    clinic: "Clínica",
    visitDate: "Data da consulta",
    notGiven: "(não informado)",
    sections: {
      history: "Histórico",
      findings: "Achados",
      diagnosis: "Diagnóstico",
      procedure: "Procedimento",
      recommendation: "Recomendações",
    },
  },
};
