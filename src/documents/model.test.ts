import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  checkContent,
  checkReception,
  contentDisposition,
  displayName,
  MAX_UPLOAD_BYTES,
  megabytes,
  parseClamdAddress,
  readClamdReply,
} from "./model.ts";

describe("documents model", () => {
  test("the name shown back is the last path segment, without control characters, never empty", () => {
    assert.equal(displayName("C:\\Users\\Jean\\avis d'imposition.pdf"), "avis d'imposition.pdf");
    assert.equal(displayName("../../etc/passwd"), "passwd");
    assert.equal(displayName("re\u0000levé\n.pdf"), "relevé.pdf");
    assert.equal(displayName("   "), "document");
    const long = `${"a".repeat(300)}.pdf`;
    assert.equal(displayName(long).length, 255);
    assert.ok(displayName(long).endsWith(".pdf"));
  });

  test("sizes read in Mo with a French decimal comma", () => {
    assert.equal(megabytes(MAX_UPLOAD_BYTES), "10 Mo");
    assert.equal(megabytes(13_002_342), "12,4 Mo");
  });

  test("reception: too large and empty files are refused, each with its sentence", () => {
    assert.deepEqual(checkReception({ originalName: "a.pdf", sizeBytes: 12, tooLarge: false }), { ok: true });
    const large = checkReception({ originalName: "scan.pdf", sizeBytes: MAX_UPLOAD_BYTES, tooLarge: true });
    assert.equal(large.ok, false);
    assert.match(!large.ok ? large.message : "", /^Le fichier « scan\.pdf » dépasse 10 Mo/);
    const empty = checkReception({ originalName: "vide.pdf", sizeBytes: 0, tooLarge: false });
    assert.match(!empty.ok ? empty.message : "", /^Le fichier « vide\.pdf » est vide/);
  });

  test("content: only sniffed PDF, JPEG and PNG pass; the stored type is the sniffed one", () => {
    assert.deepEqual(checkContent("photo.pdf", { mime: "image/png", ext: "png" }), {
      ok: true,
      mediaType: "image/png",
    });
    assert.deepEqual(checkContent("x.pdf", undefined), {
      ok: false,
      message:
        "Le fichier « x.pdf » n'est pas un PDF, un JPEG ou un PNG : son contenu ne correspond pas à ces formats.",
    });
    const gif = checkContent("anim.gif", { mime: "image/gif", ext: "gif" });
    assert.match(!gif.ok ? gif.message : "", /est une image GIF : seuls les PDF, JPEG et PNG sont acceptés/);
  });

  test("clamd addresses: a socket path or host:port", () => {
    assert.deepEqual(parseClamdAddress("/run/clamav/clamd.ctl"), {
      kind: "unix",
      path: "/run/clamav/clamd.ctl",
    });
    assert.deepEqual(parseClamdAddress("127.0.0.1:3310"), { kind: "tcp", host: "127.0.0.1", port: 3310 });
    assert.deepEqual(parseClamdAddress("clamav:3310"), { kind: "tcp", host: "clamav", port: 3310 });
    assert.deepEqual(parseClamdAddress("[::1]:3310"), { kind: "tcp", host: "::1", port: 3310 });
  });

  test("clamd replies: OK, FOUND with the signature, anything else is no verdict", () => {
    assert.deepEqual(readClamdReply("stream: OK\0"), { kind: "clean" });
    assert.deepEqual(readClamdReply("stream: Eicar-Test-Signature FOUND\0"), {
      kind: "infected",
      signature: "Eicar-Test-Signature",
    });
    assert.equal(readClamdReply("INSTREAM size limit exceeded. ERROR\0").kind, "unavailable");
    assert.equal(readClamdReply("").kind, "unavailable");
  });

  test("Content-Disposition: an ASCII fallback without quotes and the exact name in RFC 5987 form", () => {
    assert.equal(
      contentDisposition('relevé "2024".pdf'),
      "attachment; filename=\"releve _2024_.pdf\"; filename*=UTF-8''relev%C3%A9%20%222024%22.pdf",
    );
  });
});
