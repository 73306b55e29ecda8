/**
 * Public face of the synthetic population: seeding a database with a deterministic population, and the
 * demo personas with known credentials.
 */

export type { SeedOptions, SeedResult } from "./loader.ts";
export {
  generatedRows,
  PopulationError,
  populationChecksum,
  populationSize,
  seedPopulation,
  todayInParis,
} from "./loader.ts";
export type { Persona } from "./personas.ts";
export { createPersonas, DEMO_PASSWORD, personas } from "./personas.ts";
export type { SeedProgress } from "./progress.ts";
export { progressOnStderr } from "./progress.ts";
