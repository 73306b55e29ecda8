/**
 * Embedded start times, wall clock from process spawn to the "ready" banner:
 *   first start (create the PGlite files, migrate, seed PARCOURS_SEED_PEOPLE people and the personas),
 *   restart on the same files, and as baseline a first start that seeds nobody.
 * Usage: npm run bench:start [-- --people N --runs R]   (defaults: 20 000 people, 3 runs; medians printed)
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { people: { type: "string" }, runs: { type: "string" } } });
const people = Number(values.people ?? 20_000);
const runs = Number(values.runs ?? 3);
const MAIN = join(import.meta.dirname, "..", "src", "cli", "main.ts");

/** Seconds from spawn to the banner, then stops the server cleanly. */
function timeStart(dataDir: string, seedPeople: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, "start"], {
    env: {
      ...process.env,
      PARCOURS_DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "warn",
      PARCOURS_SEED_PEOPLE: String(seedPeople),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/Démarré en/.test(output)) {
        const seconds = (performance.now() - started) / 1000;
        child.removeAllListeners("exit");
        child.on("exit", () => resolve(seconds));
        child.kill("SIGTERM");
      }
    });
    child.on("exit", (code) => reject(new Error(`start exited with ${code}\n${output}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const first: number[] = [];
const restart: number[] = [];
const empty: number[] = [];
for (let run = 0; run < runs; run++) {
  const dir = await mkdtemp(join(tmpdir(), "parcours-bench-start-"));
  first.push(await timeStart(dir, people));
  restart.push(await timeStart(dir, people));
  await rm(dir, { recursive: true, force: true });
  const emptyDir = await mkdtemp(join(tmpdir(), "parcours-bench-start-"));
  empty.push(await timeStart(emptyDir, 0));
  await rm(emptyDir, { recursive: true, force: true });
}
const fmt = (s: number) => `${s.toFixed(2)} s`;
console.log(`embedded start, ${people} people, median of ${runs} runs`);
console.log(
  `  first start (create, migrate, seed): ${fmt(median(first))}   goal ≤ 60 s   runs: ${first.map(fmt).join(", ")}`,
);
console.log(
  `  restart on the same files:           ${fmt(median(restart))}   goal ≤ 5 s    runs: ${restart.map(fmt).join(", ")}`,
);
console.log(
  `  baseline, first start with nobody:   ${fmt(median(empty))}   runs: ${empty.map(fmt).join(", ")}`,
);
console.log(
  `  seeding cost over the baseline: ${fmt(median(first) - median(empty))} (×${(median(first) / median(empty)).toFixed(1)})`,
);
