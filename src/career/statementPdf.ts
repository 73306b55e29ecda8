import { euros, type PdfDocument, renderPdf } from "../platform/pdf.ts";
import {
  CHILD_REASON_LABELS,
  CORRECTION_ADVICE,
  checkMessage,
  QUARTER_LABELS,
  QUARTER_SHORT_LABELS,
  SCHEME_LABELS,
} from "./messages.ts";
import { QUARTER_KINDS, totalQuarters } from "./model.ts";
import type { CareerStatementView } from "./service.ts";

interface Column {
  readonly width: number;
  readonly align?: "left" | "right";
}

/** One row of cells at fixed widths; a new page when the row would not fit. */
function row(doc: PdfDocument, columns: readonly Column[], cells: readonly string[], bold = false): void {
  const bottom = doc.page.height - doc.page.margins.bottom;
  const height = Math.max(
    ...cells.map((cell, i) => doc.heightOfString(cell, { width: (columns[i]?.width ?? 0) - 4 })),
  );
  if (doc.y + height > bottom) doc.addPage();
  const top = doc.y;
  let x = doc.page.margins.left;
  doc.font(bold ? "Helvetica-Bold" : "Helvetica");
  for (const [i, cell] of cells.entries()) {
    const column = columns[i] ?? { width: 0 };
    doc.text(cell, x, top, { width: column.width - 4, align: column.align ?? "left" });
    x += column.width;
  }
  doc.font("Helvetica");
  doc.x = doc.page.margins.left;
  doc.y = top + height + 3;
}

function heading(doc: PdfDocument, text: string): void {
  doc.moveDown(1).font("Helvetica-Bold").fontSize(13).text(text, doc.page.margins.left).fontSize(10);
  doc.font("Helvetica").moveDown(0.4);
}

/** The career statement as a PDF: the same figures as the page, in the same order. */
export function statementPdf(view: CareerStatementView, date: string): Promise<Buffer> {
  const { statement, owner } = view;
  return renderPdf(
    { title: `Relevé de carrière de ${view.ownerName}`, subject: "Relevé de carrière et de tous régimes" },
    (doc) => {
      doc.font("Helvetica-Bold").fontSize(18).text("Relevé de carrière").fontSize(10).font("Helvetica");
      doc.moveDown(0.5);
      doc.text(
        `${owner.firstNames} ${owner.lastName}, ${owner.sex === "F" ? "née" : "né"} le ${owner.birthDate.split("-").reverse().join("/")}`,
      );
      doc.text(`Établi le ${date} par l'Assurance retraite.`);
      doc.text(`Total : ${statement.totalWithChildQuarters} trimestres, enfants compris.`);

      if (statement.checks.length > 0) {
        heading(doc, "Points à vérifier");
        for (const check of statement.checks) {
          const message = checkMessage(check);
          doc.font("Helvetica-Bold").text(message.title).font("Helvetica");
          doc.text(message.text).text(`Justificatif à garder : ${message.proof}`).moveDown(0.5);
        }
        doc.text(CORRECTION_ADVICE);
      }

      heading(doc, "Relevé de tous vos régimes");
      const schemeColumns: Column[] = [
        { width: 170 },
        { width: 90 },
        { width: 80, align: "right" },
        { width: 80, align: "right" },
        { width: 60, align: "right" },
      ];
      row(doc, schemeColumns, ["Régime", "Période", "Cotisés", "Assimilés", "Total"], true);
      for (const scheme of statement.schemes) {
        row(doc, schemeColumns, [
          SCHEME_LABELS[scheme.scheme],
          `${scheme.firstYear} à ${scheme.lastYear}`,
          String(scheme.quarters.contributed),
          String(scheme.total - scheme.quarters.contributed),
          String(scheme.total),
        ]);
      }
      row(
        doc,
        schemeColumns,
        [
          "Total tous régimes",
          "",
          String(statement.byKind.contributed),
          String(statement.total - statement.byKind.contributed),
          String(statement.total),
        ],
        true,
      );

      heading(doc, "Vos trimestres par type");
      const kindColumns: Column[] = [{ width: 260 }, { width: 80, align: "right" }];
      for (const kind of QUARTER_KINDS)
        row(doc, kindColumns, [QUARTER_LABELS[kind], String(statement.byKind[kind])]);
      row(doc, kindColumns, ["Enfants (majoration)", String(statement.childQuartersTotal)]);
      row(
        doc,
        kindColumns,
        ["Total avec les trimestres pour enfants", String(statement.totalWithChildQuarters)],
        true,
      );

      heading(doc, "Trimestres pour enfants");
      if (statement.childQuarters.length === 0) doc.text("Aucun trimestre pour enfant n'est inscrit.");
      else {
        const childColumns: Column[] = [{ width: 160 }, { width: 160 }, { width: 80, align: "right" }];
        for (const award of statement.childQuarters)
          row(doc, childColumns, [
            award.firstName ?? "Enfant",
            CHILD_REASON_LABELS[award.reason],
            String(award.quarters),
          ]);
        row(doc, childColumns, ["Total", "", String(statement.childQuartersTotal)], true);
      }

      heading(doc, "Le détail, année par année");
      const yearColumns: Column[] = [
        { width: 36 },
        { width: 86 },
        { width: 90 },
        { width: 70, align: "right" },
        ...QUARTER_KINDS.map((): Column => ({ width: 34, align: "right" })),
        { width: 30, align: "right" },
      ];
      row(
        doc,
        yearColumns,
        [
          "Année",
          "Régime",
          "Employeur",
          "Salaire",
          ...QUARTER_KINDS.map((kind) => QUARTER_SHORT_LABELS[kind]),
          "Total",
        ],
        true,
      );
      for (const line of statement.years) {
        row(doc, yearColumns, [
          String(line.year),
          SCHEME_LABELS[line.scheme],
          line.employer ?? "-",
          euros(line.salary),
          ...QUARTER_KINDS.map((kind) => String(line.quarters[kind])),
          String(totalQuarters(line.quarters)),
        ]);
      }
      row(
        doc,
        yearColumns,
        [
          "Total",
          "",
          "",
          "",
          ...QUARTER_KINDS.map((kind) => String(statement.byKind[kind])),
          String(statement.total),
        ],
        true,
      );
      doc
        .moveDown()
        .text(
          `${QUARTER_KINDS.map((kind) => `${QUARTER_SHORT_LABELS[kind]} : ${QUARTER_LABELS[kind].toLowerCase()}`).join(" ; ")}.`,
        );
    },
  );
}
