import type { ReportContent } from "@sofia/protocol";
import type { RenderContext } from "../../src/render/context.ts";

/** A render context with defaults for everything a test does not care about. */
export function renderContext(overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    report: report("History."),
    patient: { name: "Zoë Martin", birthdate: "1980-04-02" },
    doctorName: "Dr. Amal Haddad",
    clinicName: "Clinique du Parc",
    visitDate: "2026-11-21",
    language: "en",
    layout: {},
    ...overrides,
  };
}

/** A report with the given history and short, distinct other sections. */
export function report(history: string, others: Partial<ReportContent> = {}): ReportContent {
  return {
    history,
    findings: "Caries on 36 (distal).",
    diagnosis: "Reversible pulpitis.",
    procedure: "Composite restoration.",
    recommendation: "Review in 6 months.",
    ...others,
  };
}

const HOSTILE = [
  "Braces { } and \\backslashes\\ and \\par \\b0 {\\rtf1} \\u233? stay text.",
  "<script>alert('x')</script> & <img src=x onerror=alert(1)> &amp; \"quoted\" 'single'",
  "Emoji 🦷😀👩‍⚕️ and flags 🇫🇷, accents éèçàüßñ, Arabic النص العربي, Hebrew עברית.",
  `A very long line: ${"word ".repeat(40)}and ${"x".repeat(120)} end.`,
  "Tabs\there, CRLF\r\nline two\rline three\n\n\nafter blank lines.",
].join("\n");

/** The golden cases: one per language, and one full of text that breaks naive renderers. */
export const GOLDEN_CASES: Record<string, RenderContext> = {
  en: renderContext(),
  fr: renderContext({
    language: "fr",
    report: {
      history: "Patiente de 46 ans, douleur à la mastication depuis une semaine.",
      findings: "Carie distale sur la 36, sensibilité au froid.",
      diagnosis: "Pulpite réversible.",
      procedure: "Restauration composite sous anesthésie locale.",
      recommendation: "Contrôle dans six mois ; brossage deux fois par jour.",
    },
  }),
  de: renderContext({
    language: "de",
    patient: { name: "Jürgen Groß", birthdate: "1975-09-30" },
    report: {
      history: "Patient klagt über Schmerzen beim Kauen seit einer Woche.",
      findings: "Distale Karies an Zahn 36, kälteempfindlich.",
      diagnosis: "Reversible Pulpitis.",
      procedure: "Kompositfüllung unter Lokalanästhesie.",
      recommendation: "Kontrolle in sechs Monaten; zweimal täglich putzen.",
    },
  }),
  ar: renderContext({
    language: "ar",
    patient: { name: "ليلى حداد", birthdate: "1990-01-15" },
    clinicName: "عيادة الأسنان",
    report: {
      history: "مريضة تبلغ من العمر 36 عاماً تشكو من ألم عند المضغ منذ أسبوع.",
      findings: "تسوس في الجهة البعيدة من السن 36، حساسية للبرد.",
      diagnosis: "التهاب لب قابل للعكس.",
      procedure: "حشوة تجميلية تحت التخدير الموضعي.",
      recommendation: "مراجعة بعد ستة أشهر، تنظيف الأسنان مرتين يومياً.",
    },
  }),
  hostile: renderContext({
    patient: { name: "O'Brien <b>&</b> {\\par}", birthdate: "1980-04-02" },
    report: report(HOSTILE, { findings: "", diagnosis: "}}}{{{\\{", procedure: "\u0007bell\u0000nul\uD800lone" }),
  }),
  layout: renderContext({
    language: "fr-CA",
    layout: {
      order: ["diagnosis", "procedure"],
      titles: { fr: { diagnosis: "Diagnostic retenu" }, "*": { recommendation: "Conseils" } },
      plaintextWidth: 40,
      plaintextLineEnding: "crlf",
    },
  }),
};
