/**
 * `npm run test:unit`: the tests that need no database, no server, no browser and no child process,
 * in seconds. A test file is one of them by what it imports, so a new pure test is picked up without
 * a list to keep: any `src/**\/*.test.ts` whose own imports reach none of the heavy pieces below.
 * The full `npm test` still runs every file, these included.
 */
import { glob, readFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "node:test";
import { spec } from "node:test/reporters";

const ROOT = join(import.meta.dirname, "..");

/** Imports that open a database, build the app, drive a browser or start a process. */
const HEAVY = [
  /\/test\/helpers\/(?:database|app|browser|staff)\.ts"/,
  /\/platform\/db\.ts"/,
  /\/app\.ts"/,
  /"node:child_process"/,
  /"(?:@electric-sql\/pglite|pg|fastify|playwright-core)"/,
];

export async function unitTestFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const file of glob("src/**/*.test.ts", { cwd: ROOT })) {
    const source = await readFile(join(ROOT, file), "utf8");
    const imports = source.match(/^\s*(?:import|export)\b[^;]*?from\s+"[^"]+"/gms) ?? [];
    if (!imports.some((line) => HEAVY.some((pattern) => pattern.test(line)))) files.push(file);
  }
  return files.sort();
}

if (import.meta.main) {
  const files = await unitTestFiles();
  // One process for all of them: starting a process per file cost four times the CPU of the tests
  // themselves (measured: 17.5 s against 4 s). Pure tests share no state; `npm test` still isolates
  // each file, so a test that leaned on another's leftovers would fail there.
  run({ files: files.map((file) => join(ROOT, file)), isolation: "none" })
    .on("test:fail", () => {
      process.exitCode = 1;
    })
    .compose(spec)
    .pipe(process.stdout);
}
