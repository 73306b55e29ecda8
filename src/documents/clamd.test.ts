import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import {
  EICAR,
  type FakeClamd,
  startFakeClamd,
  unreachableClamdAddress,
} from "../../test/fixtures/uploads/fakeClamd.ts";
import { scanWithClamd } from "./clamd.ts";

describe("clamd INSTREAM client", () => {
  let clamd: FakeClamd;
  before(async () => {
    clamd = await startFakeClamd();
  });
  after(async () => clamd.close());

  test("a clean stream: every byte reaches the daemon, in chunks it can reassemble", async () => {
    const content = randomBytes(300 * 1024);
    const verdict = await scanWithClamd(
      clamd.address,
      Readable.from([content.subarray(0, 1000), content.subarray(1000)]),
    );
    assert.deepEqual(verdict, { kind: "clean" });
    assert.ok(clamd.scanned.some((bytes) => bytes.equals(content)));
  });

  test("an infected stream: the signature clamd names", async () => {
    const verdict = await scanWithClamd(clamd.address, Readable.from([Buffer.from(EICAR)]));
    assert.deepEqual(verdict, { kind: "infected", signature: "Eicar-Test-Signature" });
  });

  test("nobody listening, or a daemon hanging up without a verdict: unavailable, never clean", async () => {
    const down = await scanWithClamd(await unreachableClamdAddress(), Readable.from([Buffer.from("x")]));
    assert.equal(down.kind, "unavailable");
    const hangingUp = await startFakeClamd("hang-up");
    try {
      const verdict = await scanWithClamd(hangingUp.address, Readable.from([Buffer.from("x")]));
      assert.equal(verdict.kind, "unavailable");
    } finally {
      await hangingUp.close();
    }
  });

  test("a Unix socket path is an address too", async () => {
    const path = join(tmpdir(), `parcours-clamd-${randomBytes(6).toString("hex")}.sock`);
    const server = createServer((socket) => {
      let received = Buffer.alloc(0);
      socket.on("data", (data: Buffer) => {
        received = Buffer.concat([received, data]);
        // The terminating zero-length chunk ends the stream.
        if (received.length > 14 && received.subarray(-4).readUInt32BE(0) === 0) socket.end("stream: OK\0");
      });
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      assert.deepEqual(await scanWithClamd(path, Readable.from([Buffer.from("%PDF-1.7")])), {
        kind: "clean",
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
