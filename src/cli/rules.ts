/**
 * `npm run -s rules -- <command>`: JSON on stdin, JSON on stdout. Exit 0 on success; on invalid input,
 * exit 2 with {"error":{"code","message"}} (message in French) and nothing else on stdout.
 */
import { commands, RulesError, runCommand } from "../rules/index.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function fail(code: string, message: string): void {
  process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  process.exitCode = 2;
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) {
    fail("commande_manquante", `Indiquez une commande : ${Object.keys(commands).join(", ")}.`);
    return;
  }
  const text = await readStdin();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail("json_invalide", "L'entrée n'est pas un JSON valide.");
    return;
  }
  try {
    process.stdout.write(`${JSON.stringify(runCommand(name, json))}\n`);
  } catch (error) {
    if (error instanceof RulesError) fail(error.code, error.message);
    else throw error;
  }
}

await main();
