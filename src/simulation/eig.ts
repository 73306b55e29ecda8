import { euros, renderPdf } from "../platform/pdf.ts";
import {
  type CalendarDate,
  frenchAge,
  frenchDate,
  type ProjectionResult,
  parseDate,
} from "../rules/index.ts";
import { DEPARTURE_KEYS, DEPARTURE_LABELS, monthlyOf } from "./model.ts";
import type { PersonalLegalAge, SimulationSubject } from "./service.ts";
import { monthlyText } from "./views.ts";

const frenchDay = (iso: string) => frenchDate(parseDate(iso) as CalendarDate);

/**
 * The global indicative estimate (EIG) of a person of 55 and over: career totals, legal age, and the
 * monthly pension of each departure option under each hypothesis — the figures of the estimate page.
 */
export function globalEstimatePdf(
  subject: SimulationSubject,
  legalAge: PersonalLegalAge,
  projection: ProjectionResult,
): Promise<Buffer> {
  const { legal, sofar } = legalAge;
  return renderPdf(
    { title: `Estimation indicative globale de ${subject.name}`, subject: "Estimation indicative globale" },
    (doc) => {
      doc.fontSize(16).text("Estimation indicative globale (EIG)");
      doc.fontSize(10).moveDown(0.5);
      doc.text(`${subject.name}, né(e) le ${frenchDate(subject.birthDate)}`);
      doc.text(`Établie le ${frenchDate(subject.today)}`);
      doc.moveDown();
      doc.fontSize(12).text("Votre carrière");
      doc.fontSize(10);
      doc.text(`Trimestres validés tous régimes : ${sofar.quarters.allSchemes}`);
      doc.text(`dont trimestres au régime général : ${sofar.quarters.general}`);
      doc.text(`dont trimestres cotisés : ${sofar.quarters.contributed}`);
      doc.text(`Salaire annuel moyen (meilleures années) : ${euros(sofar.averageSalary)}`);
      if (subject.lastCareerYear !== null)
        doc.text(`Carrière connue jusqu'à l'année ${subject.lastCareerYear}`);
      doc.moveDown();
      doc.fontSize(12).text("Votre âge de départ");
      doc.fontSize(10);
      doc.text(
        `Âge légal : ${frenchAge(legal.legalAge)} (retraite possible à partir du ${frenchDate(legal.legalAgeStartDate)})`,
      );
      doc.text(`Trimestres requis pour le taux plein : ${legal.requiredQuarters}`);
      doc.text(`Âge du taux plein automatique : ${frenchAge(legal.fullRateAge)}`);
      doc.moveDown();
      doc.fontSize(12).text("Montant mensuel brut de votre retraite de base, selon la fin de votre carrière");
      doc.fontSize(10);
      for (const h of projection.hypotheses) {
        doc.moveDown(0.5);
        doc.font("Helvetica-Bold").text(`Hypothèse ${h.label.toLowerCase()}`);
        doc.font("Helvetica").text(h.description);
        for (const key of DEPARTURE_KEYS) {
          const d = h.departures[key];
          doc.text(
            `${DEPARTURE_LABELS[key]}, le ${frenchDay(d.startDate)} à ${frenchAge(d.age)} : ${monthlyText(monthlyOf(d.result))}`,
          );
        }
      }
      doc.moveDown();
      doc.text(
        "Montants en euros d'aujourd'hui, estimés à partir de votre relevé de carrière. Le montant définitif est calculé lors de votre demande de retraite. Le détail de chaque calcul et les règles appliquées figurent dans votre espace, page « Estimer ma retraite ».",
      );
    },
  );
}
