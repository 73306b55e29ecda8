import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import PDFDocument from "pdfkit";
import { spaceOwner } from "../../src/access/policy.ts";
import {
  acceptUpload,
  type DocumentStorage,
  deleteDocuments,
  documentStorage,
  documentsOf,
  MAX_UPLOAD_BYTES,
  readMultipartForm,
  receiveFile,
  type UploadResult,
} from "../../src/documents/index.ts";
import { auditTrailOf } from "../../src/platform/audit.ts";
import { createPersonas } from "../../src/population/index.ts";
import { EICAR, startFakeClamd, unreachableClamdAddress } from "../fixtures/uploads/fakeClamd.ts";
import {
  csrfOf,
  insuredIdOf,
  loggedInAs,
  type MultipartFilePart,
  openTestApp,
  type TestApp,
  Visitor,
} from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { staffLogin } from "../helpers/staff.ts";

const LEA = "lea.moreau@parcours.test";
const KARIM = "karim.benali@parcours.test";
const SOPHIE = "sophie.laurent@parcours.test";
const NADIA = "nadia.haddad@parcours.test";
/** A case worker of Léa's fund (Carsat Aquitaine), and one of another fund. */
const CASE_WORKER = "technicien@parcours.test";
const OTHER_FUND_CASE_WORKER = "technicien.hdf@parcours.test";

const UPLOAD_PATH = "/test/depot";

async function pdfBytes(): Promise<Buffer> {
  const document = new PDFDocument();
  const chunks: Buffer[] = [];
  document.on("data", (chunk: Buffer) => chunks.push(chunk));
  document.text("Avis d'imposition 2025");
  document.end();
  await once(document, "end");
  return Buffer.concat(chunks);
}

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
/** The start of a JFIF JPEG: what file-type reads to recognise one. */
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from("JFIF\0", "latin1"),
  Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]),
]);
const GIF = Buffer.concat([Buffer.from("GIF89a", "latin1"), Buffer.from([1, 0, 1, 0, 0, 0, 0, 0x3b])]);
const TEXT = Buffer.from("Bonjour, voici mon relevé de carrière.\n");

/** Every file under the uploads folder, incoming ones included, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

interface UploadAnswer {
  readonly fields: Record<string, string>;
  readonly results: readonly ({ ok: true; id: string; mediaType: string } | { ok: false; message: string })[];
}

for (const engine of testEngines) {
  describe(`documents: uploads and downloads (${engine})`, () => {
    let testApp: TestApp;
    let uploadsDir: string;
    let storage: DocumentStorage;
    let leaId: number;

    before(async () => {
      uploadsDir = mkdtempSync(join(tmpdir(), "parcours-documents-"));
      testApp = await openTestApp(engine, { uploadsDir });
      storage = documentStorage({ uploadsDir, clamd: undefined });
      // A form of another context, as it will use this one: read the multipart form, keep each file.
      testApp.app.post(UPLOAD_PATH, { config: { action: "space.view" } }, async (request) => {
        if (request.principal.kind !== "insured") throw new Error("space.view admits insured people only");
        const form = readMultipartForm(request);
        const results: UploadResult[] = [];
        for (const file of form.files) {
          results.push(
            await acceptUpload(testApp.database.db, storage, {
              ownerId: spaceOwner(request.principal),
              uploadedBy: {
                kind: request.principal.actingFor ? "representative" : "insured",
                id: request.principal.insuredId,
              },
              file,
            }),
          );
        }
        return {
          fields: form.fields,
          results: results.map((result) =>
            result.ok
              ? { ok: true, id: result.document.id, mediaType: result.document.mediaType }
              : { ok: false, message: result.message },
          ),
        };
      });
      await createPersonas(testApp.database);
      leaId = await insuredIdOf(testApp.database.db, LEA);
    });
    after(async () => testApp.close());

    async function upload(
      visitor: Visitor,
      files: readonly MultipartFilePart[],
      fields: Record<string, string> = {},
    ): Promise<UploadAnswer> {
      const response = await visitor.submitMultipart("/espace", UPLOAD_PATH, fields, files);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as UploadAnswer;
    }

    function accepted(answer: UploadAnswer, index = 0): string {
      const result = answer.results[index];
      assert.ok(result?.ok, JSON.stringify(result));
      return result.id;
    }

    test("a PDF, a JPEG and a PNG are kept with their sniffed type, under a random name, mode 0600", async () => {
      const lea = await loggedInAs(testApp.app, LEA);
      const before = await filesUnder(uploadsDir);
      const answer = await upload(
        lea,
        [
          {
            field: "preuve",
            filename: "avis d'imposition.pdf",
            content: await pdfBytes(),
            type: "application/pdf",
          },
          // The declared name and type are wrong: the content decides.
          { field: "preuve", filename: "photo.pdf", content: JPEG, type: "application/pdf" },
          { field: "piece", filename: "C:\\Scans\\rib.png", content: PNG, type: "image/png" },
        ],
        { commentaire: "Voici mes pièces justificatives, évidemment." },
      );
      assert.equal(answer.fields.commentaire, "Voici mes pièces justificatives, évidemment.");
      assert.deepEqual(
        answer.results.map((result) => (result.ok ? result.mediaType : result.message)),
        ["application/pdf", "image/jpeg", "image/png"],
      );

      const documents = await documentsOf(
        testApp.database.db,
        leaId,
        answer.results.map((_, i) => accepted(answer, i)),
      );
      assert.deepEqual(
        documents.map((document) => [document.originalName, document.scan, document.ownerId]),
        [
          ["avis d'imposition.pdf", "not_scanned", leaId],
          ["photo.pdf", "not_scanned", leaId],
          ["rib.png", "not_scanned", leaId],
        ],
      );

      const added = (await filesUnder(uploadsDir)).filter((name) => !before.includes(name));
      assert.equal(added.length, 3, "three files kept, nothing left in the incoming folder");
      for (const name of added) {
        assert.match(name, /^[0-9a-f]{64}$/, "a random name, directly under the uploads folder");
        assert.equal((await stat(join(uploadsDir, name))).mode & 0o777, 0o600);
        for (const path of [`/${name}`, `/dsfr/${name}`, `/uploads/${name}`]) {
          assert.equal((await lea.get(path)).statusCode, 404, `${path} is not served`);
        }
      }
    });

    test("refusals, each with its sentence, and nothing left on disk", async () => {
      const lea = await loggedInAs(testApp.app, LEA);
      const before = await filesUnder(uploadsDir);
      const tooLarge = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
      tooLarge.write("%PDF-1.7\n");
      const answer = await upload(lea, [
        { field: "preuve", filename: "lettre.pdf", content: TEXT, type: "application/pdf" },
        { field: "preuve", filename: "scan.pdf", content: tooLarge, type: "application/pdf" },
        { field: "preuve", filename: "vide.pdf", content: Buffer.alloc(0), type: "application/pdf" },
        { field: "preuve", filename: "carte.gif", content: GIF, type: "image/gif" },
      ]);
      assert.deepEqual(
        answer.results.map((result) => (result.ok ? "accepted" : result.message)),
        [
          "Le fichier « lettre.pdf » n'est pas un PDF, un JPEG ou un PNG : son contenu ne correspond pas à ces formats.",
          "Le fichier « scan.pdf » dépasse 10 Mo, la taille maximale : réduisez-le (numérisation en noir et blanc ou en résolution plus basse) ou envoyez-le en plusieurs fichiers.",
          "Le fichier « vide.pdf » est vide : choisissez le bon fichier et renvoyez-le.",
          "Le fichier « carte.gif » est une image GIF : seuls les PDF, JPEG et PNG sont acceptés. Enregistrez-le dans l'un de ces formats et renvoyez-le.",
        ],
      );
      assert.deepEqual(await filesUnder(uploadsDir), before);
    });

    test("a file of exactly 10 Mo is accepted", async () => {
      const lea = await loggedInAs(testApp.app, LEA);
      const content = Buffer.alloc(MAX_UPLOAD_BYTES, 0x20);
      content.write("%PDF-1.7\n");
      const answer = await upload(lea, [{ field: "preuve", filename: "gros.pdf", content }]);
      const [document] = await documentsOf(testApp.database.db, leaId, [accepted(answer)]);
      assert.equal(document?.sizeBytes, MAX_UPLOAD_BYTES);
    });

    test("more files than a form may carry: the whole post is refused, nothing kept", async () => {
      const lea = await loggedInAs(testApp.app, LEA);
      const before = await filesUnder(uploadsDir);
      const files = Array.from({ length: 11 }, (_, i) => ({
        field: "preuve",
        filename: `p${i}.png`,
        content: PNG,
      }));
      const response = await lea.submitMultipart("/espace", UPLOAD_PATH, {}, files);
      assert.equal(response.statusCode, 413);
      assert.deepEqual(await filesUnder(uploadsDir), before);
    });

    test("a file input left empty is not a file", async () => {
      const lea = await loggedInAs(testApp.app, LEA);
      const answer = await upload(lea, [{ field: "preuve", filename: "", content: Buffer.alloc(0) }], {
        commentaire: "sans pièce",
      });
      assert.deepEqual(answer, { fields: { commentaire: "sans pièce" }, results: [] });
    });

    test("a visitor who may not use the route is refused before the multipart body is read", async () => {
      const parts = Array.from({ length: 11 }, (_, i) => ({
        field: "preuve",
        filename: `piece-${i}.pdf`,
        content: TEXT,
      }));
      // Read, these 11 files would exceed the form's limit of 10 and get a 413.
      const anonymous = await new Visitor(testApp.app).postMultipart(UPLOAD_PATH, {}, parts);
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/connexion/);
      const staff = new Visitor(testApp.app);
      await staffLogin(staff, "reclamations@parcours.test");
      assert.equal((await staff.postMultipart(UPLOAD_PATH, {}, parts)).statusCode, 403);
    });

    test("a multipart form without the CSRF token is refused, and its files are not kept", async () => {
      const lea = await loggedInAs(testApp.app, LEA);
      const before = await filesUnder(uploadsDir);
      const refused = await lea.postMultipart(UPLOAD_PATH, { commentaire: "x" }, [
        { field: "preuve", filename: "avis.pdf", content: await pdfBytes() },
      ]);
      assert.equal(refused.statusCode, 403);
      const forged = await lea.postMultipart(UPLOAD_PATH, { _csrf: "forged" }, [
        { field: "preuve", filename: "avis.pdf", content: await pdfBytes() },
      ]);
      assert.equal(forged.statusCode, 403);
      assert.deepEqual(await filesUnder(uploadsDir), before);
    });

    test("downloads from the personal space: the owner and their representative; anyone else gets 404", async () => {
      const lea = await loggedInAs(testApp.app, LEA);
      const pdf = await pdfBytes();
      const id = accepted(
        await upload(lea, [{ field: "preuve", filename: "relevé 2024.pdf", content: pdf }]),
      );

      const own = await lea.get(`/espace/documents/${id}`);
      assert.equal(own.statusCode, 200);
      assert.equal(own.headers["content-type"], "application/pdf");
      assert.equal(own.headers["x-content-type-options"], "nosniff");
      assert.equal(
        own.headers["content-disposition"],
        "attachment; filename=\"releve 2024.pdf\"; filename*=UTF-8''relev%C3%A9%202024.pdf",
      );
      assert.ok(own.rawPayload.equals(pdf), "the bytes sent are the bytes received");

      const karim = await loggedInAs(testApp.app, KARIM);
      const other = await karim.get(`/espace/documents/${id}`);
      assert.equal(other.statusCode, 404, "someone else's document does not exist for Karim");
      assert.equal(
        (await karim.get("/espace/documents/00000000-0000-4000-8000-000000000000")).statusCode,
        404,
      );
      assert.equal((await karim.get("/espace/documents/pas-un-identifiant")).statusCode, 404);
      assert.equal((await new Visitor(testApp.app).get(`/espace/documents/${id}`)).statusCode, 303);

      // Sophie uploads for Nadia, whom she represents: the document is Nadia's, readable in Nadia's space.
      const nadiaId = await insuredIdOf(testApp.database.db, NADIA);
      const sophie = await loggedInAs(testApp.app, SOPHIE);
      const list = await sophie.get("/espace/representation");
      await sophie.post("/espace/representation", { _csrf: csrfOf(list.body), personne: String(nadiaId) });
      const nadiaDocument = accepted(
        await upload(sophie, [{ field: "preuve", filename: "jugement.png", content: PNG }]),
      );
      assert.equal((await documentsOf(testApp.database.db, nadiaId, [nadiaDocument])).length, 1);
      assert.equal((await sophie.get(`/espace/documents/${nadiaDocument}`)).statusCode, 200);
      assert.equal((await sophie.get(`/espace/documents/${id}`)).statusCode, 404);
      const trail = await auditTrailOf(testApp.database.db, nadiaId);
      assert.ok(
        trail.some((entry) => entry.action === "document.read" && entry.actorKind === "representative"),
      );
    });

    test("downloads from the back-office: staff of the person's fund, audited; another fund refused", async () => {
      const lea = await loggedInAs(testApp.app, LEA);
      const id = accepted(await upload(lea, [{ field: "preuve", filename: "rib.png", content: PNG }]));

      const elsewhere = new Visitor(testApp.app);
      await staffLogin(elsewhere, OTHER_FUND_CASE_WORKER);
      assert.equal((await elsewhere.get(`/agent/documents/${id}`)).statusCode, 403);

      const caseWorker = new Visitor(testApp.app);
      await staffLogin(caseWorker, CASE_WORKER);
      const download = await caseWorker.get(`/agent/documents/${id}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers["content-type"], "image/png");
      assert.ok(download.rawPayload.equals(PNG));
      assert.equal(
        (await caseWorker.get("/agent/documents/00000000-0000-4000-8000-000000000000")).statusCode,
        404,
      );
      // A person's own space is not a staff page.
      assert.equal((await caseWorker.get(`/espace/documents/${id}`)).statusCode, 403);
      assert.equal((await lea.get(`/agent/documents/${id}`)).statusCode, 403);

      const trail = await auditTrailOf(testApp.database.db, leaId);
      const read = trail.find((entry) => entry.action === "document.read" && entry.actorKind === "staff");
      assert.ok(read, "the staff download is in the audit log");
      assert.equal(read.reason, "Consultation du document « rib.png »");
      assert.equal(read.details?.documentId, id);
      assert.ok(trail.some((entry) => entry.action === "refused:insured.read"));
    });

    test("virus scanning: an infected file is refused, a clean one marked scanned, an absent daemon refuses", async () => {
      const clamd = await startFakeClamd();
      try {
        const scanned = documentStorage({ uploadsDir, clamd: clamd.address });
        const before = await filesUnder(uploadsDir);
        const receive = (name: string, content: Buffer) =>
          receiveFile(scanned, "preuve", name, Readable.from([content]));
        const uploadedBy = { kind: "insured", id: leaId } as const;

        const infectedPdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(EICAR)]);
        const infected = await acceptUpload(testApp.database.db, scanned, {
          ownerId: leaId,
          uploadedBy,
          file: await receive("facture.pdf", infectedPdf),
        });
        assert.deepEqual(infected, {
          ok: false,
          message:
            "Le fichier « facture.pdf » contient un virus (Eicar-Test-Signature) : il n'a pas été enregistré.",
        });
        assert.deepEqual(await filesUnder(uploadsDir), before);

        const clean = await acceptUpload(testApp.database.db, scanned, {
          ownerId: leaId,
          uploadedBy,
          file: await receive("rib.png", PNG),
        });
        assert.ok(clean.ok);
        assert.equal(clean.document.scan, "clean");
        assert.ok(
          clean.ok && clamd.scanned.some((bytes) => bytes.equals(PNG)),
          "the daemon saw the whole file",
        );

        const down = documentStorage({ uploadsDir, clamd: await unreachableClamdAddress() });
        const afterClean = await filesUnder(uploadsDir);
        const refused = await acceptUpload(testApp.database.db, down, {
          ownerId: leaId,
          uploadedBy,
          file: await receiveFile(down, "preuve", "rib.png", Readable.from([PNG])),
        });
        assert.deepEqual(refused, {
          ok: false,
          message:
            "Le fichier « rib.png » n'a pas pu être vérifié par l'antivirus pour le moment : il n'a pas été enregistré. Réessayez plus tard.",
        });
        assert.deepEqual(await filesUnder(uploadsDir), afterClean);
      } finally {
        await clamd.close();
      }
    });

    test("documentsOf answers only the owner's documents; deleteDocuments removes rows and files", async () => {
      const karimId = await insuredIdOf(testApp.database.db, KARIM);
      const before = await filesUnder(uploadsDir);
      const keep = async (ownerId: number) => {
        const result = await acceptUpload(testApp.database.db, storage, {
          ownerId,
          uploadedBy: { kind: "insured", id: ownerId },
          file: await receiveFile(storage, "preuve", "piece.png", Readable.from([PNG])),
        });
        assert.ok(result.ok);
        return result.document.id;
      };
      const leaDocument = await keep(leaId);
      const karimDocument = await keep(karimId);
      const found = await documentsOf(testApp.database.db, leaId, [leaDocument, karimDocument, "inconnu"]);
      assert.deepEqual(
        found.map((document) => document.id),
        [leaDocument],
      );

      assert.equal(await deleteDocuments(testApp.database.db, storage, [leaDocument, karimDocument]), 2);
      assert.deepEqual(await documentsOf(testApp.database.db, leaId, [leaDocument]), []);
      assert.deepEqual(await documentsOf(testApp.database.db, karimId, [karimDocument]), []);
      assert.deepEqual(await filesUnder(uploadsDir), before);
    });
  });
}
