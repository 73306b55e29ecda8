import { PUBLIC_STEPS } from "../cases/index.ts";
import { CONTACT } from "../platform/format.ts";
import { renderPdf } from "../platform/pdf.ts";
import { receivedDate } from "./model.ts";
import type { Acknowledgement } from "./views.ts";

/** The acknowledgement of receipt as a PDF: what was received, when, its reference, what comes next. */
export function acknowledgementPdf(ack: Acknowledgement, personName: string): Promise<Buffer> {
  const title = `Accusé de réception — ${ack.reference}`;
  return renderPdf({ title, subject: `${ack.procedure.title} — ${personName}` }, (doc) => {
    doc.fontSize(9).text("L'Assurance retraite");
    doc.moveDown(1.5);
    doc.fontSize(16).font("Helvetica-Bold").text("Accusé de réception");
    doc.font("Helvetica").fontSize(10).moveDown();
    doc.text(`${ack.procedure.title} de ${personName}.`);
    doc.text(`Référence : ${ack.reference}`);
    doc.text(`Reçue le ${receivedDate(ack.receivedAt)}.`);
    doc.moveDown();
    if (ack.complete) doc.text("Votre demande est complète : tous les justificatifs demandés sont joints.");
    else {
      doc.text("Justificatifs encore attendus (à envoyer depuis le suivi de votre dossier) :");
      for (const label of ack.missingProofs) doc.text(`- ${label}`);
    }
    doc.moveDown();
    doc.font("Helvetica-Bold").text("Et maintenant ?");
    doc.font("Helvetica").text(ack.procedure.nextSteps);
    doc.moveDown();
    doc.font("Helvetica-Bold").text("Les étapes de votre dossier");
    doc.font("Helvetica");
    PUBLIC_STEPS.forEach((step, index) => {
      doc.text(
        `${index + 1}. ${step.title}${index === 0 ? ` : fait le ${receivedDate(ack.receivedAt)}` : ""}`,
      );
    });
    doc.moveDown();
    doc.text(
      `Suivez votre dossier dans votre espace personnel, rubrique « Suivre mon dossier ». Pour toute question : ${CONTACT.line}.`,
    );
  });
}
