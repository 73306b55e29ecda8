import { mkdir } from "node:fs/promises";
import { parseArgs } from "node:util";
import { buildApp } from "../app.ts";
import { dailyJobs } from "../dailyJobs.ts";
import { type Config, ConfigError, loadConfig } from "../platform/config.ts";
import { type Database, openDatabase } from "../platform/db.ts";
import { migrate } from "../platform/migrations.ts";
import {
  createPersonas,
  PopulationError,
  personas,
  populationSize,
  progressOnStderr,
  seedPopulation,
} from "../population/index.ts";
import { calendarCommand } from "./calendar.ts";

const USAGE = `Usage : npm run parcours -- <commande>
  start                      démarre Parcours (crée et remplit la base au premier démarrage)
  db:migrate                 applique les migrations en attente
  seed [--people N] [--seed S]
                             ajoute une population synthétique de N personnes (graine S) et les personas
  jobs [--at AAAA-MM-JJTHH:MM]
                             exécute maintenant chaque tâche quotidienne (relances, échéances, purges),
                             comme si l'on était à la date donnée (par défaut : maintenant)
  calendar due --fund F --received AAAA-MM-JJTHH:MM:SS+02:00 --working-days N
  calendar holidays --fund F --year AAAA
                             échéance en jours ouvrés et jours fériés d'une caisse (réponse JSON)`;

async function open(config: Config): Promise<Database> {
  if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true });
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
}

function where(config: Config): string {
  return config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `base embarquée PGlite (${config.dataDir})`;
}

async function seed(database: Database, people: number, seedValue: number): Promise<void> {
  const started = performance.now();
  const result = await seedPopulation(database, { people, seed: seedValue, onProgress: progressOnStderr() });
  await createPersonas(database);
  const seconds = (performance.now() - started) / 1000;
  console.log(`Population synthétique créée : ${result.people} personnes en ${seconds.toFixed(1)} s.`);
}

function printPersonas(url: string): void {
  console.log(`\nParcours est prêt : ${url}\n\nComptes de démonstration :`);
  const width = Math.max(...personas.map((persona) => persona.description.length));
  for (const persona of personas) {
    console.log(`  - ${persona.description.padEnd(width)}  ${persona.login}  /  ${persona.password}`);
  }
  console.log("");
}

async function start(config: Config): Promise<void> {
  const started = performance.now();
  const database = await open(config);
  await migrate(database);
  if ((await populationSize(database)) === 0 && config.seedPeople > 0) {
    console.log(
      `Premier démarrage : création de la population synthétique (${config.seedPeople} personnes)…`,
    );
    await seed(database, config.seedPeople, config.seedValue);
  }
  const app = await buildApp(config, database);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    // Closing flushes PGlite's files: data written before a stop is there after the restart.
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await app.listen({ host: config.host, port: config.port });
  app.mail.start();
  app.jobs.start();
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = config.publicUrl.replace(`:${config.port}`, `:${port}`);
  printPersonas(url);
  console.log(`Démarré en ${((performance.now() - started) / 1000).toFixed(1)} s sur ${where(config)}.`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  // Answers from the calendar alone: no configuration, no database.
  if (command === "calendar") {
    process.exitCode = calendarCommand(rest);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case "start":
      return start(config);
    case "db:migrate": {
      const database = await open(config);
      const applied = await migrate(database);
      await database.close();
      console.log(applied.length ? `Migrations appliquées : ${applied.join(", ")}` : "La base est à jour.");
      return;
    }
    case "seed": {
      const { values } = parseArgs({
        args: rest,
        options: { people: { type: "string" }, seed: { type: "string" } },
        strict: true,
      });
      const people = positiveInteger("--people", values.people, config.seedPeople);
      const seedValue = positiveInteger("--seed", values.seed, config.seedValue);
      const database = await open(config);
      await migrate(database);
      await seed(database, people, seedValue);
      await database.close();
      return;
    }
    case "jobs": {
      const { values } = parseArgs({ args: rest, options: { at: { type: "string" } }, strict: true });
      const at = values.at === undefined ? new Date() : new Date(values.at);
      if (Number.isNaN(at.getTime())) {
        throw new ConfigError(`--at attend une date comme 2027-01-15T08:00 (reçu « ${values.at} »).`);
      }
      const database = await open(config);
      await migrate(database);
      try {
        for (const job of dailyJobs(database, config)) {
          console.log(`${job.name} : ${await job.run(at)} traité(s)`);
        }
      } finally {
        await database.close();
      }
      return;
    }
    default:
      throw new ConfigError(command ? `Commande inconnue « ${command} ».\n${USAGE}` : USAGE);
  }
}

function positiveInteger(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${flag} attend un nombre entier positif (reçu « ${raw} »).`);
  return Number(raw);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // A mistake the operator can fix gets one line; anything else is a bug and keeps its stack.
  if (
    error instanceof ConfigError ||
    error instanceof PopulationError ||
    (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
  ) {
    console.error(`Erreur : ${(error as Error).message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
