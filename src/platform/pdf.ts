import PDFDocument from "pdfkit";
import { euros as formatEuros } from "./format.ts";

export type PdfDocument = PDFKit.PDFDocument;

export interface PdfMetadata {
  readonly title: string;
  readonly subject?: string;
}

/**
 * Builds an A4 PDF in memory. Helvetica's WinAnsi encoding covers French (accents, ç, œ, €), so no
 * font file is needed; the title and language are set for screen readers (PDF/UA basics).
 */
export function renderPdf(meta: PdfMetadata, build: (doc: PdfDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    lang: "fr-FR",
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: "L'Assurance retraite",
      Subject: meta.subject ?? meta.title,
      Creator: "Parcours",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font("Helvetica").fontSize(10);
  build(doc);
  doc.end();
  return done;
}

/** "1 234,56 €" in a PDF: the one euro formatter, with the spaces pdfkit's standard fonts can render. */
export function euros(amount: number): string {
  return formatEuros(amount, { pdf: true });
}
