import assert from "node:assert/strict";
import { test } from "node:test";
import { progressOnStderr } from "./progress.ts";

function stream(isTTY: boolean): { output: string[]; stream: NodeJS.WriteStream } {
  const output: string[] = [];
  const fake = { isTTY, write: (text: string) => output.push(text) > 0 };
  return { output, stream: fake as unknown as NodeJS.WriteStream };
}

test("in a log, progress is one line per tenth of the way, with people per second", () => {
  const { output, stream: log } = stream(false);
  const report = progressOnStderr(log);
  for (let done = 500; done <= 10_000; done += 500) report({ done, total: 10_000, elapsedMs: done / 2 });
  assert.equal(output.length, 11);
  assert.match(
    output.at(-1) ?? "",
    /^Population : 100 % \(10\u202f000 \/ 10\u202f000\) — 2\u202f000 personnes\/s\n$/,
  );
});

test("on a terminal, progress is a bar redrawn in place, ended by a new line", () => {
  const { output, stream: terminal } = stream(true);
  const report = progressOnStderr(terminal);
  report({ done: 5, total: 10, elapsedMs: 1000 });
  report({ done: 10, total: 10, elapsedMs: 2000 });
  assert.ok(output[0]?.startsWith("\r"));
  assert.match(output[0] ?? "", /50 %/);
  assert.equal(output.at(-1), "\n");
});
