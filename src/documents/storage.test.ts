import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { MAX_UPLOAD_BYTES } from "./model.ts";
import { documentStorage, receiveFile, sweepIncoming } from "./storage.ts";

function freshStorage() {
  return documentStorage({ uploadsDir: mkdtempSync(join(tmpdir(), "parcours-storage-")), clamd: undefined });
}

describe("documents storage", () => {
  test("reception keeps at most the cap, whatever the source sends, and says the file was too large", async () => {
    const storage = freshStorage();
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    const source = Readable.from(Array.from({ length: 12 }, () => chunk));
    const file = await receiveFile(storage, "preuve", "gros.pdf", source);
    assert.equal(file.tooLarge, true);
    assert.ok(file.sizeBytes <= MAX_UPLOAD_BYTES);
    assert.equal((await readFile(file.path)).length, file.sizeBytes);
  });

  test("reception hashes what it keeps", async () => {
    const storage = freshStorage();
    const file = await receiveFile(storage, "preuve", "a.txt", Readable.from([Buffer.from("abc")]));
    assert.equal(file.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert.deepEqual(
      [file.sizeBytes, file.tooLarge, file.originalName, file.fieldName],
      [3, false, "a.txt", "preuve"],
    );
  });

  test("incoming files left by a stopped instance are swept after a day; recent ones stay", async () => {
    const storage = freshStorage();
    const stale = await receiveFile(storage, "preuve", "a.pdf", Readable.from([Buffer.from("x")]));
    const recent = await receiveFile(storage, "preuve", "b.pdf", Readable.from([Buffer.from("y")]));
    const now = new Date();
    const twoDaysAgo = new Date(now.getTime() - 2 * 24 * 60 * 60 * 1000);
    await utimes(stale.path, twoDaysAgo, twoDaysAgo);
    await writeFile(join(storage.dir, "kept-document"), "z");
    await sweepIncoming(storage, now);
    assert.deepEqual(await readdir(join(storage.dir, ".incoming")), [recent.path.split("/").at(-1)]);
    assert.deepEqual((await readdir(storage.dir)).sort(), [".incoming", "kept-document"]);
  });
});
