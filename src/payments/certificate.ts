import { formatNir } from "../identity/index.ts";
import { euros, type PdfDocument, renderPdf } from "../platform/pdf.ts";
import { dayLabel, monthLabel, pensionLabel } from "./model.ts";
import type { CertificateContent, PaymentsHolder } from "./service.ts";

const COLUMNS = [
  { title: "Mois", width: 78, align: "left" },
  { title: "Versé le", width: 66, align: "left" },
  { title: "Montant brut", width: 80, align: "right" },
  { title: "Prélèvements sociaux", width: 90, align: "right" },
  { title: "Montant net", width: 80, align: "right" },
  { title: "Montant imposable", width: 86, align: "right" },
] as const;

function row(doc: PdfDocument, cells: readonly string[], bold = false): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
  const y = doc.y;
  let x = doc.page.margins.left;
  doc.font(bold ? "Helvetica-Bold" : "Helvetica");
  let bottom = y;
  COLUMNS.forEach((column, i) => {
    doc.text(cells[i] ?? "", x, y, { width: column.width - 6, align: column.align });
    bottom = Math.max(bottom, doc.y);
    x += column.width;
  });
  doc.font("Helvetica");
  doc.x = doc.page.margins.left;
  doc.y = bottom + 4;
}

/**
 * The payment certificate (attestation de paiement): who, which pensions, each month's gross,
 * contributions, net and taxable amounts for the period chosen, the totals, the fund and the date.
 */
export function certificatePdf(
  holder: PaymentsHolder,
  content: CertificateContent,
  issuedOn: string,
): Promise<Buffer> {
  const { owner } = holder;
  const fundName = holder.fund?.name ?? "L'Assurance retraite";
  const title = `Attestation de paiement de ${monthLabel(content.from)} à ${monthLabel(content.to)}`;
  return renderPdf({ title, subject: `${title} — ${holder.ownerName}` }, (doc) => {
    doc.fontSize(9).text("L'Assurance retraite");
    doc.text(fundName);
    doc.moveDown(1.5);
    doc.fontSize(16).font("Helvetica-Bold").text("Attestation de paiement");
    doc
      .font("Helvetica")
      .fontSize(11)
      .text(`de ${monthLabel(content.from)} à ${monthLabel(content.to)}`);
    doc.moveDown();
    doc.fontSize(10);
    doc.text(
      `Nom : ${owner.lastName.toUpperCase()}${owner.birthName !== owner.lastName ? ` (né${owner.sex === "F" ? "e" : ""} ${owner.birthName.toUpperCase()})` : ""}`,
    );
    doc.text(`Prénoms : ${owner.firstNames}`);
    doc.text(`Date de naissance : ${dayLabel(owner.birthDate)}`);
    doc.text(`Numéro de sécurité sociale : ${formatNir(owner.nir)}`);
    doc.text(
      `Adresse : ${owner.address.line}, ${owner.address.postcode} ${owner.address.town}${
        owner.address.country === "France" ? "" : `, ${owner.address.country}`
      }`,
    );
    doc.moveDown();
    doc.text(
      `${fundName} atteste que cette personne perçoit ${holder.pensions.map(pensionLabel).join(" et ")} du régime général de la Sécurité sociale et qu'elle a reçu les paiements suivants.`,
    );
    doc.moveDown();
    doc.fontSize(9);
    row(
      doc,
      COLUMNS.map((column) => column.title),
      true,
    );
    for (const payment of content.payments) {
      row(doc, [
        monthLabel(payment.period.slice(0, 7)),
        payment.paidOn.split("-").reverse().join("/"),
        euros(payment.gross),
        euros(payment.socialContributions),
        euros(payment.net),
        euros(payment.taxable),
      ]);
    }
    const { totals } = content;
    row(
      doc,
      [
        "Total",
        `${content.payments.length} paiement${content.payments.length > 1 ? "s" : ""}`,
        euros(totals.gross),
        euros(totals.socialContributions),
        euros(totals.net),
        euros(totals.taxable),
      ],
      true,
    );
    doc.moveDown();
    doc
      .fontSize(8)
      .text(
        "Prélèvements sociaux : CSG, CRDS et CASA selon le taux fixé d'après le revenu fiscal de référence de votre foyer. " +
          "Montant imposable : montant brut diminué de la part déductible de la CSG (3,8 %, 4,2 % ou 5,9 % du brut selon le taux de CSG, art. 154 quinquies du code général des impôts). " +
          "Le montant déclaré à l'administration fiscale pour une année est la somme des montants imposables des paiements versés cette année-là.",
      );
    doc.moveDown(2);
    doc.fontSize(10).text(`Fait le ${dayLabel(issuedOn)}, pour servir et valoir ce que de droit.`);
    doc.text(fundName);
  });
}
