import { formatNir, type Insured } from "../identity/index.ts";
import { euros, renderPdf } from "../platform/pdf.ts";
import { frenchDayOf } from "../rules/index.ts";
import type { Assessment } from "./model.ts";

/** Everything the decision letter says, read from the decided case. */
export interface DecisionLetter {
  readonly reference: string;
  readonly procedureLabel: string;
  readonly insured: Insured;
  readonly fundName: string;
  readonly outcome: "granted" | "refused";
  /** "YYYY-MM-DD", the day of the decision in France. */
  readonly decidedOn: string;
  readonly startDate: string | null;
  readonly decidedAmount: number | null;
  readonly computedAmount: number | null;
  /** Why the amount differs from the engine's, or why the claim is refused. */
  readonly reason: string | null;
  readonly assessment: Assessment;
  readonly firstPaymentOn: string | null;
}

/** The appeal rights every decision states (art. R142-1 CSS: amicable appeal board within two months). */
export const APPEAL_RIGHTS =
  "Si vous contestez cette décision, vous pouvez saisir la commission de recours amiable (CRA) de votre caisse dans un délai de 2 mois à compter de la réception de ce courrier, par écrit, en joignant une copie de ce courrier (article R142-1 du code de la sécurité sociale). Sans réponse de la commission dans les 2 mois, votre recours est rejeté ; vous pouvez alors saisir le pôle social du tribunal judiciaire.";

/**
 * The decision letter (notification de décision): the person's name and address, the reference, the
 * decision, the start date, the monthly gross amount, how it was computed, and the appeal rights.
 */
export function decisionLetterPdf(letter: DecisionLetter): Promise<Buffer> {
  const { insured } = letter;
  const granted = letter.outcome === "granted";
  const title = `Décision sur votre ${letter.procedureLabel.toLowerCase()} — ${letter.reference}`;
  return renderPdf({ title, subject: `${title} — ${insured.firstNames} ${insured.lastName}` }, (doc) => {
    doc.fontSize(9).text("L'Assurance retraite");
    doc.text(letter.fundName);
    doc.moveDown(1.5);
    doc.fontSize(10);
    doc.text(
      `${insured.sex === "F" ? "Madame" : "Monsieur"} ${insured.firstNames} ${insured.lastName.toUpperCase()}`,
    );
    doc.text(insured.address.line);
    doc.text(`${insured.address.postcode} ${insured.address.town}`);
    if (insured.address.country !== "France") doc.text(insured.address.country);
    doc.moveDown();
    doc.text(`Le ${frenchDayOf(letter.decidedOn)}`);
    doc.text(`Référence du dossier : ${letter.reference}`);
    doc.text(`Numéro de sécurité sociale : ${formatNir(insured.nir)}`);
    doc.moveDown();
    doc
      .fontSize(14)
      .font("Helvetica-Bold")
      .text(`Objet : décision sur votre ${letter.procedureLabel.toLowerCase()}`);
    doc.font("Helvetica").fontSize(10).moveDown();
    doc.text(`${insured.sex === "F" ? "Madame" : "Monsieur"},`);
    doc.moveDown(0.5);
    if (granted) {
      doc.font("Helvetica-Bold").text("Votre demande est accordée.");
      doc.font("Helvetica");
      if (letter.startDate) doc.text(`Date d'effet : ${frenchDayOf(letter.startDate)}.`);
      if (letter.decidedAmount !== null) doc.text(`Montant mensuel brut : ${euros(letter.decidedAmount)}.`);
      if (letter.firstPaymentOn)
        doc.text(
          `Premier paiement : le ${frenchDayOf(letter.firstPaymentOn)} ; les paiements suivent le calendrier de votre caisse, que vous retrouvez dans votre espace personnel.`,
        );
    } else {
      doc.font("Helvetica-Bold").text("Votre demande est refusée.");
      doc.font("Helvetica");
      if (letter.reason) doc.text(`Motif : ${letter.reason}`);
    }
    doc.moveDown();
    if (granted && letter.assessment.kind === "computed") {
      doc.font("Helvetica-Bold").text("Comment ce montant a été calculé");
      doc.font("Helvetica");
      for (const step of letter.assessment.explanation) {
        doc.text(`• ${step.text} (${step.reference})`, { paragraphGap: 2 });
      }
      doc.text(`Montant calculé : ${euros(letter.assessment.monthly)} brut par mois.`);
      if (letter.decidedAmount !== null && letter.decidedAmount !== letter.computedAmount && letter.reason) {
        doc.moveDown(0.5);
        doc.text(`Le montant retenu diffère du montant calculé : ${letter.reason}`);
      }
      doc.moveDown();
    } else if (granted && letter.reason) {
      doc.font("Helvetica-Bold").text("Comment ce montant a été établi");
      doc.font("Helvetica").text(letter.reason);
      doc.moveDown();
    }
    doc.font("Helvetica-Bold").text("Vos droits de recours");
    doc.font("Helvetica").text(APPEAL_RIGHTS);
    doc.moveDown();
    doc.text(
      `Veuillez agréer, ${insured.sex === "F" ? "Madame" : "Monsieur"}, l'expression de nos salutations distinguées.`,
    );
    doc.moveDown();
    doc.text(letter.fundName);
  });
}
