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
import { createAdministrator, ENROLMENT_LIFETIME_MS } from "../staff/index.ts";
import { calendarCommand } from "./calendar.ts";

const USAGE = `Usage : npm run parcours -- <commande>
  start                      démarre Parcours (crée et remplit la base au premier démarrage)
  db:migrate                 applique les migrations en attente
  seed [--people N] [--seed S]
                             ajoute une population synthétique de N personnes (graine S) et, hors
                             production, les personas de démonstration
  admin:create --email ADRESSE [--name "Prénom Nom"]
                             crée un compte administrateur et affiche son lien d'activation (à usage
                             unique) : son titulaire y choisit son mot de passe et sa double authentification
  jobs [--at AAAA-MM-JJTHH:MM]
                             exécute maintenant chaque tâche quotidienne (relances, échéances, purges),
                             comme si l'on était à la date donnée (par défaut : maintenant)
  calendar due --fund F --received AAAA-MM-JJTHH:MM:SS+02:00 --working-days N
  calendar holidays --fund F --year AAAA
                             échéance en jours ouvrés et jours fériés d'une caisse (réponse JSON)`;

/** How long a clean stop (requests at work, daily job at work, database flush) may take. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

async function open(config: Config): Promise<Database> {
  if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true });
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
}

function where(config: Config): string {
  return config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `base embarquée PGlite (${config.dataDir})`;
}

/**
 * The synthetic population, and in development only the demo personas: they come with accounts whose
 * password is published, administrator included, so production never gets them.
 */
async function seed(database: Database, config: Config, people: number, seedValue: number): Promise<void> {
  const started = performance.now();
  const result = await seedPopulation(database, { people, seed: seedValue, onProgress: progressOnStderr() });
  if (config.mode === "development") await createPersonas(database);
  const seconds = (performance.now() - started) / 1000;
  console.log(`Population synthétique créée : ${result.people} personnes en ${seconds.toFixed(1)} s.`);
}

function printBanner(config: Config, url: string): void {
  console.log(`\nParcours est prêt : ${url}\n`);
  if (config.mode === "production") {
    console.log(
      "Mode production : aucun compte de démonstration. Premier administrateur : npm run parcours -- admin:create --email …\n",
    );
    return;
  }
  console.log("Comptes de démonstration :");
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
    await seed(database, config, config.seedPeople, config.seedValue);
  }
  const app = await buildApp(config, database);
  let stopping = false;
  const stop = async () => {
    if (stopping) {
      // A second Ctrl-C or SIGTERM: the operator does not want to wait.
      console.error("Arrêt immédiat demandé.");
      process.exit(130);
    }
    stopping = true;
    // A request or a database that never answers must not keep the process alive forever.
    setTimeout(() => {
      console.error(`Arrêt forcé : l'arrêt propre a dépassé ${SHUTDOWN_TIMEOUT_MS / 1000} s.`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
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
  printBanner(config, url);
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
      await seed(database, config, people, seedValue);
      await database.close();
      return;
    }
    case "admin:create": {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: "string" }, name: { type: "string" } },
        strict: true,
      });
      if (!values.email) throw new ConfigError(`admin:create attend --email ADRESSE.\n${USAGE}`);
      const database = await open(config);
      try {
        await migrate(database);
        const result = await createAdministrator(
          database.db,
          { email: values.email, displayName: values.name ?? "Administrateur" },
          config.publicUrl,
          new Date(),
        );
        if (!result.ok) throw new ConfigError(Object.values(result.problems).join(" "));
        console.log(`Compte administrateur créé pour ${result.member.email}.`);
        console.log(
          `Lien d'activation (une seule fois, valable ${ENROLMENT_LIFETIME_MS / 3_600_000} heures) : ${result.link}`,
        );
        console.log(
          "Transmettez-le à son seul titulaire : il y choisira son mot de passe et sa double authentification.",
        );
      } finally {
        await database.close();
      }
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
