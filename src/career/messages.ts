import { CONTACT } from "../platform/format.ts";
import { euros } from "../platform/pdf.ts";
import type { CareerCheck, CareerScheme, ChildQuartersAward, QuarterKind, YearPeriod } from "./model.ts";

/** The French words of the statement, shared by the page, the PDF and the JSON API. */
export const SCHEME_LABELS: Readonly<Record<CareerScheme, string>> = {
  general: "Régime général (salariés)",
  self_employed: "Travailleurs indépendants",
  agricultural: "Régime agricole (MSA)",
  public_service: "Fonction publique",
  abroad: "Étranger",
};

export const QUARTER_LABELS: Readonly<Record<QuarterKind, string>> = {
  contributed: "Cotisés (travail)",
  unemployment: "Chômage",
  sickness: "Maladie, invalidité",
  maternity: "Maternité",
  military: "Service militaire",
};

/** Column heads of the PDF's year table, where full labels do not fit. */
export const QUARTER_SHORT_LABELS: Readonly<Record<QuarterKind, string>> = {
  contributed: "Cot.",
  unemployment: "Chô.",
  sickness: "Mal.",
  maternity: "Mat.",
  military: "Mil.",
};

export const CHILD_REASON_LABELS: Readonly<Record<ChildQuartersAward["reason"], string>> = {
  maternity: "Maternité ou naissance",
  adoption: "Adoption",
  education: "Éducation",
};

/** Quarters and whole-euro wages, as the statement writes them. */
export function quartersText(count: number): string {
  return `${count} trimestre${count > 1 ? "s" : ""}`;
}

export function periodText(period: YearPeriod): string {
  return period.from === period.to ? `en ${period.from}` : `de ${period.from} à ${period.to}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The answer to a person whose profile does not include the statement (a retiree). */
export const NOT_OFFERED = "Le relevé de carrière n'est pas proposé pour votre profil.";

/** What the person can do about any check while the online correction is not open. */
export const CORRECTION_ADVICE = `La correction de carrière en ligne sera bientôt disponible. En attendant, appelez le ${CONTACT.line}, en gardant vos justificatifs sous la main.`;

export interface CheckMessage {
  readonly title: string;
  readonly text: string;
  /** The proof to gather for this check. */
  readonly proof: string;
}

/** A check in plain French: what we see, why it matters, what to keep as proof. */
export function checkMessage(check: CareerCheck): CheckMessage {
  switch (check.kind) {
    case "wageWithoutQuarter": {
      const where = check.employer ? ` chez ${check.employer}` : ` (${SCHEME_LABELS[check.scheme]})`;
      const seen = `Votre relevé indique ${euros(check.salary)} de revenus${where} en ${check.year}, mais aucun trimestre.`;
      const why =
        check.threshold === null || check.expectedQuarters === null
          ? " Vérifiez ce montant auprès de ce régime : s'il est juste, il devrait vous donner des trimestres."
          : check.expectedQuarters > 0
            ? ` Avec ce salaire, vous devriez avoir ${quartersText(check.expectedQuarters)} : chaque tranche de ${euros(check.threshold)} en donne un. Des trimestres manquent sans doute.`
            : ` En ${check.year}, il fallait gagner au moins ${euros(check.threshold)} pour avoir un trimestre : ce salaire n'y suffit pas. Si le montant est faux, par exemple s'il manque un employeur, signalez-le.`;
      return {
        title: `${check.year} : un salaire sans trimestre`,
        text: seen + why,
        proof: "Vos bulletins de salaire de cette année, ou une attestation de votre employeur.",
      };
    }
    case "gap":
      return {
        title: `${capitalized(periodText(check.period))} : rien n'est inscrit`,
        text: `Votre relevé n'indique ni salaire ni trimestre ${periodText(check.period)}. Si vous avez travaillé, été au chômage, malade, en congé maternité ou en apprentissage pendant cette période, elle peut compter pour votre retraite.`,
        proof: "Vos bulletins de salaire, attestations de chômage, d'indemnités journalières ou de stage.",
      };
    case "missingUnemployment":
      return {
        title: `${capitalized(periodText(check.period))} : une période de chômage manque peut-être`,
        text: `Rien n'est inscrit ${periodText(check.period)}, juste après une période de travail${
          check.lastEmployer ? ` chez ${check.lastEmployer}` : ""
        }. Si vous étiez alors inscrit à France Travail (anciennement Pôle emploi), votre chômage donne des trimestres : il devrait apparaître ici.`,
        proof: "Vos attestations de France Travail (ou de Pôle emploi, Assédic) pour cette période.",
      };
    case "missingMilitaryService":
      return {
        title: "Service militaire : aucun trimestre",
        text: `Vous êtes né en ${check.birthYear}, avant 1979 : vous avez sans doute fait votre service national. Chaque période de 90 jours de service donne un trimestre, mais aucun n'apparaît sur votre relevé. Si vous avez été exempté, vous n'avez rien à faire.`,
        proof:
          "Votre état signalétique et des services, demandé au service des archives du ministère des Armées.",
      };
    case "abroad":
      return {
        title: `${capitalized(periodText(check.period))} : une période à l'étranger`,
        text: `Vous avez travaillé à l'étranger ${periodText(check.period)}. Ces années relèvent du régime de retraite de ce pays. Dans l'Union européenne, en Suisse ou dans un pays lié à la France par une convention, elles comptent dans le nombre de trimestres qui fixe le taux de votre retraite française ; c'est ce pays qui vous versera la retraite de ces années : pensez à la lui demander.`,
        proof: "Vos bulletins de salaire ou attestations de l'organisme de retraite du pays.",
      };
  }
}
