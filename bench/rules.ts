/**
 * `npm run bench:rules`: base pensions per second on one core for careers of 43 years, through the
 * columnar batch, against a straightforward per-person implementation (objects, full sort) measured in
 * the same run; then the time of one explained simulation and of one five-hypothesis projection.
 */

import { pointValueOn } from "../src/rules/agircArrcoParams.ts";
import { complementaryPointsBatch } from "../src/rules/complementary.ts";
import type { CalendarDate, CareerYear, Population } from "../src/rules/index.ts";
import {
  computeBasePensions,
  computePension,
  legalAgeFor,
  packDate,
  projectPension,
  socialSecurityCeiling,
} from "../src/rules/index.ts";
import {
  FIRST_SERIES_YEAR,
  fullRate,
  pensionCapShare,
  quarterThreshold,
  revaluationCoefficients,
} from "../src/rules/params.ts";

const CAREER_YEARS = 43;
const POPULATION = 1_000_000;
const BASELINE_SAMPLE = 100_000;
const RUNS = 5;

let seed = 20261121;
function random(): number {
  // Park-Miller: deterministic, so every run measures the same population.
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
}

function generate(count: number): Population {
  const birthDate = new Int32Array(count);
  const startDate = new Int32Array(count);
  const firstYear = new Int32Array(count);
  const yearCount = new Int32Array(count);
  const offset = new Int32Array(count);
  const salaries = new Float64Array(count * CAREER_YEARS);
  const startByBirthMonth = new Map<number, CalendarDate>();
  for (let p = 0; p < count; p++) {
    const birth = {
      year: 1950 + Math.floor(random() * 26),
      month: 1 + Math.floor(random() * 12),
      day: 1 + Math.floor(random() * 28),
    };
    const key = birth.year * 100 + birth.month;
    let start = startByBirthMonth.get(key);
    if (!start) {
      start = legalAgeFor({ ...birth, day: 15 }).legalAgeStartDate;
      startByBirthMonth.set(key, start);
    }
    birthDate[p] = packDate(birth);
    startDate[p] = packDate(start);
    const first = start.year - CAREER_YEARS + 1;
    firstYear[p] = first;
    yearCount[p] = CAREER_YEARS;
    offset[p] = p * CAREER_YEARS;
    const level = 0.4 + random() * 1.4;
    for (let i = 0; i < CAREER_YEARS; i++) {
      const year = first + i;
      const gap = random() < 0.06;
      // Wages follow the ceiling of their year so old francs and recent euros stay comparable.
      salaries[p * CAREER_YEARS + i] = gap
        ? 0
        : socialSecurityCeiling(year) * level * (0.6 + (0.5 * i) / CAREER_YEARS);
    }
  }
  return { count, birthDate, startDate, firstYear, yearCount, offset, salaries };
}

/** The obvious implementation: one object per career year, a full sort, the generation looked up each time. */
function straightforwardPension(population: Population, p: number): number {
  const birthPacked = population.birthDate[p] ?? 0;
  const startPacked = population.startDate[p] ?? 0;
  const birth = {
    year: Math.floor(birthPacked / 10000),
    month: Math.floor(birthPacked / 100) % 100,
    day: birthPacked % 100,
  };
  const start = { year: Math.floor(startPacked / 10000), month: Math.floor(startPacked / 100) % 100, day: 1 };
  const first = population.firstYear[p] ?? 0;
  const base = population.offset[p] ?? 0;
  const career: CareerYear[] = [];
  for (let i = 0; i < (population.yearCount[p] ?? 0); i++) {
    career.push({ year: first + i, salary: population.salaries[base + i] ?? 0 });
  }
  const coefficients = revaluationCoefficients(start);
  const years = career
    .filter((line) => line.year <= start.year)
    .map((line) => ({
      year: line.year,
      quarters: Math.min(4, Math.floor(line.salary / quarterThreshold(line.year))),
      revalued:
        line.year < start.year
          ? Math.min(line.salary, socialSecurityCeiling(line.year)) *
            (coefficients[line.year - FIRST_SERIES_YEAR] ?? 1)
          : 0,
    }));
  const legal = legalAgeFor(birth, start);
  const quarters = years.reduce(
    (sum, y) =>
      sum + (y.year === start.year ? Math.min(y.quarters, Math.floor((start.month - 1) / 3)) : y.quarters),
    0,
  );
  const best = years
    .filter((y) => y.revalued > 0)
    .map((y) => y.revalued)
    .sort((a, b) => b - a)
    .slice(0, legal.generation.averageSalaryYears);
  const sam = best.length > 0 ? best.reduce((a, b) => a + b, 0) / best.length : 0;
  const missing = Math.max(0, legal.requiredQuarters - quarters);
  const rate = fullRate * (1 - legal.generation.reductionPerQuarter * Math.min(missing, 20));
  const prorata = Math.min(1, quarters / legal.prorataQuarters);
  return Math.min(sam * rate * prorata, pensionCapShare * socialSecurityCeiling(start.year));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function timeRuns(runs: number, body: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    body();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const population = generate(POPULATION);
computeBasePensions(population);

let checksum = 0;
const batchMs = timeRuns(RUNS, () => {
  const result = computeBasePensions(population);
  checksum += result.pensionAnnual[0] ?? 0;
});
const batchRate = (POPULATION / batchMs) * 1000;

const baselineMs = timeRuns(RUNS, () => {
  for (let p = 0; p < BASELINE_SAMPLE; p++) checksum += straightforwardPension(population, p);
});
const baselineRate = (BASELINE_SAMPLE / baselineMs) * 1000;

complementaryPointsBatch(population);
const complementaryMs = timeRuns(RUNS, () => {
  const points = complementaryPointsBatch(population);
  // Points × value of the point at a fixed date: the amount itself is one multiplication per career.
  checksum += (points[0] ?? 0) * pointValueOn({ year: 2026, month: 1, day: 1 });
});
const complementaryRate = (POPULATION / complementaryMs) * 1000;

const example = {
  birthDate: { year: 1966, month: 6, day: 12 },
  startDate: { year: 2029, month: 10, day: 1 },
  career: Array.from({ length: CAREER_YEARS }, (_, i) => ({ year: 1986 + i, salary: 18000 + 600 * i })),
};
for (let i = 0; i < 200; i++) computePension(example);
const singleRuns: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  for (let i = 0; i < 2000; i++) checksum += computePension(example).pension.annual;
  singleRuns.push((performance.now() - t0) / 2000);
}
const projectionMs = timeRuns(RUNS, () => {
  checksum += projectPension({
    birthDate: example.birthDate,
    today: { year: 2026, month: 11, day: 21 },
    career: example.career.filter((line) => line.year <= 2026),
  }).hypotheses.length;
});

const format = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
console.log(`careers of ${CAREER_YEARS} years, one core, median of ${RUNS} runs`);
console.log(
  `batch (columnar, partial selection): ${format.format(batchRate)} careers/s (${POPULATION} careers in ${batchMs.toFixed(0)} ms; goal 3 000 000)`,
);
console.log(
  `baseline (objects, full sort):       ${format.format(baselineRate)} careers/s (${BASELINE_SAMPLE} careers)`,
);
console.log(
  `complementary (Agirc-Arrco points):  ${format.format(complementaryRate)} careers/s (${POPULATION} careers in ${complementaryMs.toFixed(0)} ms; ${(complementaryRate / baselineRate).toFixed(1)}x the base-pension baseline)`,
);
console.log(`ratio batch / baseline:              ${(batchRate / baselineRate).toFixed(1)}x`);
console.log(
  `single explained simulation:         ${(median(singleRuns) * 1000).toFixed(1)} µs (goal < 1 000 µs)`,
);
console.log(`projection, 5 hypotheses × 3 dates:  ${projectionMs.toFixed(1)} ms`);
console.log(`(checksum ${checksum.toFixed(0)})`);
