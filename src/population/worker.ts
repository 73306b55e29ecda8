/**
 * Worker thread generating slices of the population: receives the generator's configuration once, then
 * one message per slice, and hands the rows back without copying them (their buffers are transferred).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { GeneratorConfig } from "./generator.ts";
import { PopulationGenerator } from "./generator.ts";

export interface SliceRequest {
  readonly first: number;
  readonly count: number;
  readonly orders: Uint16Array;
}

const port = parentPort;
if (!port) throw new Error("worker.ts runs only as a worker thread");
const generator = new PopulationGenerator(workerData as GeneratorConfig);
port.on("message", (request: SliceRequest) => {
  const chunk = generator.generate(request.first, request.count, request.orders);
  port.postMessage(
    chunk,
    chunk.tables.map((table) => table.bytes.buffer as ArrayBuffer),
  );
});
