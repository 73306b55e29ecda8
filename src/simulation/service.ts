import { careerOf, childQuartersOf } from "../career/index.ts";
import { ageOn, dateInFrance, displayNameOf, type Insured, insuredById } from "../identity/index.ts";
import { pensionsOf } from "../payments/index.ts";
import type { Db } from "../platform/db.ts";
import {
  type CalendarDate,
  type CareerYear,
  computePension,
  type LegalAgeResult,
  legalAgeFor,
  type PensionResult,
  type ProjectionResult,
  parseDate,
  projectPension,
  type Situation,
} from "../rules/index.ts";
import { ESTIMATE_FROM_AGE, GLOBAL_ESTIMATE_FROM_AGE } from "./model.ts";

/** What the simulators know of the person whose space is open, from the base. */
export interface SimulationSubject {
  readonly insured: Insured;
  readonly name: string;
  readonly birthDate: CalendarDate;
  readonly today: CalendarDate;
  readonly age: number;
  readonly retiree: boolean;
  readonly career: readonly CareerYear[];
  readonly childQuarters: number;
  /** Last civil year of the career statement, null for an empty career. */
  readonly lastCareerYear: number | null;
}

export async function simulationSubject(
  db: Db,
  insuredId: number,
  at: Date,
): Promise<SimulationSubject | undefined> {
  const insured = await insuredById(db, insuredId);
  if (!insured) return undefined;
  const [career, awards, pensions] = await Promise.all([
    careerOf(db, insuredId),
    childQuartersOf(db, insuredId),
    pensionsOf(db, insuredId),
  ]);
  const today = dateInFrance(at);
  return {
    insured,
    name: displayNameOf(insured),
    birthDate: parseDate(insured.birthDate) as CalendarDate,
    today: parseDate(today) as CalendarDate,
    age: ageOn(insured.birthDate, today),
    retiree: pensions.some((pension) => pension.kind === "own_right"),
    career: career.map(({ year, scheme, salary, quarters }) => ({ year, scheme, salary, quarters })),
    childQuarters: awards.reduce((sum, award) => sum + award.quarters, 0),
    lastCareerYear: career.length ? (career[career.length - 1] as { year: number }).year : null,
  };
}

/** The pension estimate and the long-career outlook: people of 45 and over who are not retired yet. */
export function offersEstimate(subject: SimulationSubject): boolean {
  return subject.age >= ESTIMATE_FROM_AGE && !subject.retiree;
}

/** The global indicative estimate (EIG): people of 55 and over who are not retired yet. */
export function offersGlobalEstimate(subject: SimulationSubject): boolean {
  return subject.age >= GLOBAL_ESTIMATE_FROM_AGE && !subject.retiree;
}

/**
 * A bounded memo of one value per person, valid while the inputs it was computed from are unchanged
 * (`key`, every input written out). The projection and the estimate page cost a few milliseconds of
 * CPU each (bench:space); a person reloads them, opens the long-career page, downloads the EIG, and
 * each of these reuses the same computation. Least recently used entries go first; every instance of
 * the app keeps its own, and a changed career or a new day gives a new key, so nothing stale is shown.
 */
export class PersonMemo<V> {
  private readonly entries = new Map<number, { readonly key: string; readonly value: V }>();
  private readonly capacity: number;
  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get(id: number, key: string, compute: () => V): V {
    const found = this.entries.get(id);
    this.entries.delete(id);
    const value = found && found.key === key ? found.value : compute();
    this.entries.set(id, { key, value });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return value;
  }
}

/** Everything a projection depends on, written out: the memo key. */
export function projectionInputsOf(subject: SimulationSubject): string {
  return JSON.stringify([
    subject.birthDate,
    subject.today,
    subject.career,
    subject.childQuarters,
    situationOf(subject),
  ]);
}

/**
 * The situations of art. L351-8 that give the full rate at the legal age, from the person's record: AAH and
 * an invalidity pension (converted at the legal age). The disability flag carries no rate, and the full rate
 * needs a rate of at least 50 %: it is left to the case worker.
 */
export function situationOf(subject: SimulationSubject): Situation {
  const flags = subject.insured.situation;
  return { aah: flags.receivesAah, invalidityPension: flags.invalidityPension };
}

/** The real career projected to departure under the five hypotheses of the rules engine. */
export function projectionFor(subject: SimulationSubject): ProjectionResult {
  return projectPension({
    birthDate: subject.birthDate,
    today: subject.today,
    career: subject.career,
    childQuarters: subject.childQuarters,
    situation: situationOf(subject),
  });
}

export interface PersonalLegalAge {
  readonly legal: LegalAgeResult;
  /** The career as it stands today counted at the first possible start date: quarters validated so far. */
  readonly sofar: PensionResult;
}

function nextMonthStart(today: CalendarDate): CalendarDate {
  if (today.day === 1) return today;
  return today.month === 12
    ? { year: today.year + 1, month: 1, day: 1 }
    : { year: today.year, month: today.month + 1, day: 1 };
}

/** Legal age of the person and the quarters their career holds today (no future quarter). */
export function personalLegalAge(subject: SimulationSubject): PersonalLegalAge {
  const legal = legalAgeFor(subject.birthDate);
  const next = nextMonthStart(subject.today);
  const later = (a: CalendarDate, b: CalendarDate) =>
    a.year * 12 + a.month >= b.year * 12 + b.month ? a : b;
  const startDate = later(legal.legalAgeStartDate, next);
  const sofar = computePension({
    birthDate: subject.birthDate,
    startDate,
    career: subject.career,
    childQuarters: subject.childQuarters,
    situation: situationOf(subject),
  });
  return { legal, sofar };
}
