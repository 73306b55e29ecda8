import assert from "node:assert/strict";
import { test } from "node:test";
import { pdfText } from "../../test/helpers/pdf.ts";
import { euros, renderPdf } from "./pdf.ts";

test("a PDF opens and holds the French text and amounts written in it", async () => {
  const pdf = await renderPdf({ title: "Attestation de paiement" }, (doc) => {
    doc.fontSize(16).text("Attestation de paiement");
    doc.fontSize(10).text(`Montant brut : ${euros(1234.56)} — réversion, œuvre, ça`);
  });
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  const text = await pdfText(pdf);
  assert.match(text, /Attestation de paiement/);
  assert.match(text, /Montant brut : 1 234,56 € — réversion, œuvre, ça/);
});
