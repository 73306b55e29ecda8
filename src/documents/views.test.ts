import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { documentLink, uploadField } from "./views.ts";

describe("documents views", () => {
  test("the file input announces formats and cap, and carries its refusal", () => {
    const plain = uploadField({ name: "preuve-rib", label: "Relevé d'identité bancaire" }).value;
    assert.match(plain, /<label class="fr-label" for="preuve-rib">/);
    assert.match(plain, /Taille maximale : 10 Mo\. Formats acceptés : PDF, JPEG, PNG\./);
    assert.doesNotMatch(plain, /aria-invalid|fr-error-text|multiple/);

    const refused = uploadField({
      name: "preuve-rib",
      label: "Relevé d'identité bancaire",
      error: "Le fichier « rib.pdf » est vide : choisissez le bon fichier et renvoyez-le.",
      multiple: true,
    }).value;
    assert.match(refused, /fr-upload-group--error/);
    assert.match(refused, /aria-describedby="preuve-rib-error" aria-invalid="true"/);
    assert.match(refused, /<p id="preuve-rib-error" class="fr-error-text">Le fichier « rib\.pdf » est vide/);
    assert.match(refused, / multiple/);
  });

  test("a download link names the file, its format and size, escaped", () => {
    const link = documentLink(
      {
        id: "0b8f0c8e-7a43-4a39-9a6f-7d1f3f0e9a11",
        ownerId: 1,
        originalName: "<avis>.pdf",
        mediaType: "application/pdf",
        sizeBytes: 1_300_000,
        uploadedAt: new Date("2026-11-21T10:00:00Z"),
        scan: "clean",
      },
      "/espace/documents/0b8f0c8e-7a43-4a39-9a6f-7d1f3f0e9a11",
    ).value;
    assert.match(link, /href="\/espace\/documents\/0b8f0c8e-7a43-4a39-9a6f-7d1f3f0e9a11"/);
    assert.match(link, /&lt;avis&gt;\.pdf/);
    assert.match(link, /PDF – 1,2 Mo/);
  });
});
