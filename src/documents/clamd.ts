import { connect, type Socket } from "node:net";
import type { Readable } from "node:stream";
import { parseClamdAddress, readClamdReply, type ScanVerdict } from "./model.ts";

/** clamd's default StreamMaxLength is 25 Mo: chunks well under it, and under any socket buffer worth worrying about. */
const CHUNK_BYTES = 64 * 1024;
/** A scan of 10 Mo takes well under a second; past this the daemon is treated as unavailable. */
const TIMEOUT_MS = 30_000;

function open(address: string): Socket {
  const target = parseClamdAddress(address);
  return target.kind === "unix" ? connect(target.path) : connect(target.port, target.host);
}

/**
 * Sends `content` to clamd with the INSTREAM command ("zINSTREAM\0", then chunks each preceded by its
 * length on 4 bytes big-endian, then a zero length) and reads the null-terminated reply. Any failure to
 * talk to the daemon is a verdict, "unavailable", never an exception: the caller refuses the file.
 */
export function scanWithClamd(address: string, content: Readable): Promise<ScanVerdict> {
  return new Promise((resolve) => {
    const socket = open(address);
    const replies: Buffer[] = [];
    let settled = false;
    const settle = (verdict: ScanVerdict) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      content.destroy();
      resolve(verdict);
    };
    socket.setTimeout(TIMEOUT_MS, () => settle({ kind: "unavailable", detail: "timeout" }));
    socket.on("error", (error) => settle({ kind: "unavailable", detail: error.message }));
    socket.on("data", (data: Buffer) => {
      replies.push(data);
      if (data.includes(0)) settle(readClamdReply(Buffer.concat(replies).toString("utf8")));
    });
    // A daemon that closes without a complete reply (size limit, shutdown) gave no verdict.
    socket.on("close", () => settle(readClamdReply(Buffer.concat(replies).toString("utf8"))));
    socket.on("connect", async () => {
      try {
        await write(socket, Buffer.from("zINSTREAM\0"));
        for await (const data of content as AsyncIterable<Buffer>) {
          for (let start = 0; start < data.length && !settled; start += CHUNK_BYTES) {
            const chunk = data.subarray(start, start + CHUNK_BYTES);
            const length = Buffer.alloc(4);
            length.writeUInt32BE(chunk.length);
            await write(socket, Buffer.concat([length, chunk]));
          }
          if (settled) return;
        }
        await write(socket, Buffer.alloc(4));
      } catch (error) {
        settle({ kind: "unavailable", detail: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}

function write(socket: Socket, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(data, (error) => (error ? reject(error) : resolve()));
  });
}
