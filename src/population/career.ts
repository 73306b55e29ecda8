/**
 * One person's career drafted year by year into reusable typed arrays (no object per year), then cut at
 * the pension start date or at the last complete year, and written as `career_year` rows.
 */
import type { CareerYear } from "../rules/index.ts";
import { quartersFromSalary, smicHourly, socialSecurityCeiling } from "../rules/index.ts";
import type { RowWriter } from "./copyText.ts";
import { encodeField } from "./copyText.ts";
import type { Random } from "./random.ts";

export const GENERAL = 0;
export const SELF_EMPLOYED = 1;
export const AGRICULTURAL = 2;
export const PUBLIC_SERVICE = 3;
export const ABROAD = 4;

export const schemeNames = ["general", "self_employed", "agricultural", "public_service", "abroad"] as const;
const schemeFields = schemeNames.map(encodeField);

/** Before 1970 there is no SMIC series: the minimum full-time wage is taken as this share of the PASS. */
const MINIMUM_WAGE_SHARE_BEFORE_SMIC = 0.42;
const FIRST_SMIC_YEAR = 1970;
/** Paid hours of a full-time year: 39 h a week before the 35-hour week (2002), 35 h since. */
function fullTimeHours(year: number): number {
  return year < 2002 ? 2028 : 1820;
}

export function minimumFullTimeWage(year: number): number {
  return year < FIRST_SMIC_YEAR
    ? MINIMUM_WAGE_SHARE_BEFORE_SMIC * socialSecurityCeiling(year)
    : smicHourly(year) * fullTimeHours(year);
}

/** How a career is spread over schemes. */
export const CareerPattern = {
  general: 0,
  mixedSelfEmployed: 1,
  publicService: 2,
  agricultural: 3,
  abroad: 4,
  selfEmployed: 5,
} as const;
export type CareerPattern = (typeof CareerPattern)[keyof typeof CareerPattern];

const patternWeights = [72, 10, 6, 4, 4, 4];

export interface CareerPlan {
  readonly birthYear: number;
  readonly male: boolean;
  /** Year of the first job. */
  readonly firstYear: number;
  /** Last year drafted (inclusive). */
  readonly lastYear: number;
  /** Wage level as a share of the PASS at the start of the career. */
  readonly level: number;
  /** No gap, no unemployment, full time: the careers that open early retirement. */
  readonly steady: boolean;
  /** Birth years of the person's children when the person is their mother, ascending; else empty. */
  readonly maternityYears: readonly number[];
  readonly employerBase: number;
  readonly employers: number;
}

const MAX_ROWS = 192;

export class CareerDraft {
  count = 0;
  readonly year = new Int16Array(MAX_ROWS);
  readonly scheme = new Uint8Array(MAX_ROWS);
  readonly employer = new Int32Array(MAX_ROWS);
  readonly salary = new Int32Array(MAX_ROWS);
  readonly contributed = new Uint8Array(MAX_ROWS);
  readonly unemployment = new Uint8Array(MAX_ROWS);
  readonly sickness = new Uint8Array(MAX_ROWS);
  readonly maternity = new Uint8Array(MAX_ROWS);
  readonly military = new Uint8Array(MAX_ROWS);

  add(
    year: number,
    scheme: number,
    employer: number,
    salary: number,
    contributed: number,
    unemployment: number,
    sickness: number,
    maternity: number,
    military: number,
  ): void {
    const i = this.count++;
    this.year[i] = year;
    this.scheme[i] = scheme;
    this.employer[i] = employer;
    this.salary[i] = salary;
    this.contributed[i] = contributed;
    this.unemployment[i] = unemployment;
    this.sickness[i] = sickness;
    this.maternity[i] = maternity;
    this.military[i] = military;
  }

  /** Drafts the years `plan.firstYear..plan.lastYear` (and military service, if any). */
  draft(random: Random, plan: CareerPlan): void {
    this.count = 0;
    const { birthYear, firstYear, lastYear, steady } = plan;
    const pattern = steady ? CareerPattern.general : pickPattern(random);
    // Scheme timeline: `first` until `change1`, then `second` until `change2`, then `third`.
    let first = GENERAL;
    let second = GENERAL;
    let third = GENERAL;
    let change1 = 9999;
    let change2 = 9999;
    switch (pattern) {
      case CareerPattern.mixedSelfEmployed:
        second = SELF_EMPLOYED;
        change1 = birthYear + random.between(28, 45);
        change2 = random.chance(0.3) ? change1 + random.between(3, 10) : 9999;
        break;
      case CareerPattern.publicService:
        second = PUBLIC_SERVICE;
        change1 = firstYear + random.between(0, 8);
        change2 = random.chance(0.6) ? 9999 : change1 + random.between(5, 15);
        break;
      case CareerPattern.agricultural:
        first = AGRICULTURAL;
        second = AGRICULTURAL;
        change1 = birthYear + random.between(25, 45);
        change2 = change1;
        break;
      case CareerPattern.abroad:
        second = ABROAD;
        change1 = birthYear + random.between(24, 35);
        change2 = change1 + random.between(1, 8);
        break;
      case CareerPattern.selfEmployed:
        second = SELF_EMPLOYED;
        third = SELF_EMPLOYED;
        change1 = birthYear + random.between(20, 28);
        break;
    }
    // National service: compulsory for men until the generation born in 1978 (law 97-1019).
    const militaryYear =
      plan.male && birthYear <= 1978 && random.chance(0.8) ? birthYear + random.between(19, 21) : 0;
    const partTimeFrom =
      !steady && random.chance(plan.male ? 0.05 : 0.18) ? birthYear + random.between(25, 45) : 9999;
    const partTimeTo = partTimeFrom + random.between(2, 15);
    const partTimeShare = 0.5 + 0.3 * random.float();
    let level = plan.level;
    let employer = 0;
    let employerYearsLeft = 0;
    let gapLeft = 0;
    let unemployedLeft = 0;
    let nextMaternity = 0;
    const startYear = militaryYear > 0 && militaryYear < firstYear ? militaryYear : firstYear;
    for (let year = startYear; year <= lastYear; year++) {
      if (year === militaryYear) {
        this.add(year, GENERAL, 0, 0, 0, 0, 0, 0, 4);
        continue;
      }
      if (year < firstYear) continue;
      const age = year - birthYear;
      const ceiling = socialSecurityCeiling(year);
      let childBorn = false;
      while (
        nextMaternity < plan.maternityYears.length &&
        (plan.maternityYears[nextMaternity] ?? 0) <= year
      ) {
        childBorn ||= plan.maternityYears[nextMaternity] === year;
        nextMaternity++;
      }
      if (gapLeft > 0) {
        gapLeft--;
        continue;
      }
      if (!steady) {
        const breakAfterBirth = childBorn && random.chance(0.2);
        if (breakAfterBirth || random.chance(0.015)) {
          gapLeft = breakAfterBirth ? random.between(1, 5) : random.between(0, 3);
          continue;
        }
      }
      // Wages follow the PASS, rise with seniority until the fifties, and vary a little each year.
      level *= age < 30 ? 1.03 : age < 45 ? 1.015 : age < 55 ? 1.005 : 1;
      const noise = Math.min(1.3, Math.max(0.75, 1 + 0.06 * random.normal()));
      let worked = 1;
      let unemploymentWanted = 0;
      let sicknessWanted = 0;
      let maternityWanted = 0;
      if (!steady) {
        if (unemployedLeft > 0) {
          unemployedLeft--;
          worked = 0.5 * random.float();
          unemploymentWanted = 4;
        } else if (random.chance(age < 25 ? 0.08 : age >= 55 ? 0.06 : 0.04)) {
          unemployedLeft = random.chance(0.4) ? 1 : 0;
          worked = 0.6 * random.float();
          unemploymentWanted = 4;
        } else if (random.chance(0.02)) {
          worked = 0.4 + 0.4 * random.float();
          sicknessWanted = random.between(1, 2);
        }
        if (childBorn) {
          worked *= 0.75;
          maternityWanted = 1;
        }
      }
      const partTime = year >= partTimeFrom && year < partTimeTo ? partTimeShare : 1;
      if (employerYearsLeft-- <= 0) {
        employer = plan.employerBase + 1 + Math.floor(plan.employers * random.float() ** 2.5);
        employerYearsLeft = random.between(1, 10);
      }
      const scheme = year < change1 ? first : year < change2 ? second : third;
      const previous = year - 1 < change1 ? first : year - 1 < change2 ? second : third;
      // The year someone changes scheme, half of it is in each: two rows of at most two quarters.
      const split = year > firstYear && previous !== scheme;
      const share = split ? 0.5 : 1;
      const cap = split ? 2 : 4;
      const earnings = level * ceiling * noise * worked * partTime * share;
      const minimum = minimumFullTimeWage(year) * worked * partTime * share;
      if (split) this.#work(previous, year, employer, earnings, minimum, cap, 0, 0, 0, random);
      this.#work(
        scheme,
        year,
        employer,
        earnings,
        minimum,
        cap,
        unemploymentWanted,
        sicknessWanted,
        maternityWanted,
        random,
      );
    }
  }

  #work(
    scheme: number,
    year: number,
    employer: number,
    earnings: number,
    minimum: number,
    cap: number,
    unemploymentWanted: number,
    sicknessWanted: number,
    maternityWanted: number,
    random: Random,
  ): void {
    let salary: number;
    let contributed: number;
    if (scheme === ABROAD) {
      // Periods abroad are validated for the rate (totalisation); no French wage is known.
      salary = 0;
      contributed = cap;
    } else if (scheme === PUBLIC_SERVICE) {
      salary = Math.round(Math.max(earnings, minimum));
      contributed = cap;
    } else if (scheme === SELF_EMPLOYED) {
      // Self-employed incomes are uneven: some years hardly validate a quarter.
      salary = Math.round(
        earnings * (random.chance(0.12) ? 0.1 + 0.2 * random.float() : 0.6 + 0.8 * random.float()),
      );
      contributed = Math.min(cap, quartersFromSalary(year, salary));
    } else {
      salary = Math.round(Math.max(earnings, minimum));
      contributed = Math.min(cap, quartersFromSalary(year, salary));
    }
    let room = cap - contributed;
    const unemployment = Math.min(room, unemploymentWanted);
    room -= unemployment;
    const sickness = Math.min(room, sicknessWanted);
    room -= sickness;
    const maternity = Math.min(room, maternityWanted);
    const salaried = scheme === GENERAL || scheme === AGRICULTURAL;
    this.add(
      year,
      scheme,
      salaried ? employer : 0,
      salary,
      contributed,
      unemployment,
      sickness,
      maternity,
      0,
    );
  }

  /**
   * Keeps what happened before `start` (packed date, first of a month): whole years before its year, and in
   * its year the months already over, with at most the quarters already over (art. R351-1 CSS).
   */
  cutAt(start: number): void {
    const startYear = Math.floor(start / 10000);
    const monthsBefore = (Math.floor(start / 100) % 100) - 1;
    const quartersBefore = Math.floor(monthsBefore / 3);
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      const year = this.year[i] ?? 0;
      if (year > startYear || (year === startYear && monthsBefore === 0)) continue;
      this.#move(i, kept);
      if (year === startYear) {
        this.salary[kept] = Math.round(((this.salary[kept] ?? 0) * monthsBefore) / 12);
        let room = quartersBefore;
        for (const column of [
          this.contributed,
          this.unemployment,
          this.sickness,
          this.maternity,
          this.military,
        ]) {
          const value = Math.min(column[kept] ?? 0, room);
          column[kept] = value;
          room -= value;
        }
      }
      kept++;
    }
    this.count = kept;
  }

  copyFrom(other: CareerDraft): void {
    const n = other.count;
    this.count = n;
    this.year.set(other.year.subarray(0, n));
    this.scheme.set(other.scheme.subarray(0, n));
    this.employer.set(other.employer.subarray(0, n));
    this.salary.set(other.salary.subarray(0, n));
    this.contributed.set(other.contributed.subarray(0, n));
    this.unemployment.set(other.unemployment.subarray(0, n));
    this.sickness.set(other.sickness.subarray(0, n));
    this.maternity.set(other.maternity.subarray(0, n));
    this.military.set(other.military.subarray(0, n));
  }

  /** Keeps the years before `year`. */
  endBefore(year: number): void {
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      if ((this.year[i] ?? 0) >= year) continue;
      this.#move(i, kept++);
    }
    this.count = kept;
  }

  #move(from: number, to: number): void {
    if (from === to) return;
    this.year[to] = this.year[from] ?? 0;
    this.scheme[to] = this.scheme[from] ?? 0;
    this.employer[to] = this.employer[from] ?? 0;
    this.salary[to] = this.salary[from] ?? 0;
    this.contributed[to] = this.contributed[from] ?? 0;
    this.unemployment[to] = this.unemployment[from] ?? 0;
    this.sickness[to] = this.sickness[from] ?? 0;
    this.maternity[to] = this.maternity[from] ?? 0;
    this.military[to] = this.military[from] ?? 0;
  }

  /** The career as the rules engine reads it, quarters stated as recorded. */
  toRules(): CareerYear[] {
    const years: CareerYear[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) {
      years[i] = {
        year: this.year[i] ?? 0,
        salary: this.salary[i] ?? 0,
        scheme: schemeNames[this.scheme[i] ?? 0],
        quarters: {
          contributed: this.contributed[i] ?? 0,
          unemployment: this.unemployment[i] ?? 0,
          sickness: this.sickness[i] ?? 0,
          maternity: this.maternity[i] ?? 0,
          military: this.military[i] ?? 0,
        },
      };
    }
    return years;
  }

  /** The scheme of the last year drafted, or -1 without any year. */
  lastScheme(): number {
    return this.count > 0 ? (this.scheme[this.count - 1] ?? -1) : -1;
  }

  write(writer: RowWriter, insuredId: number): void {
    for (let i = 0; i < this.count; i++) {
      const employer = this.employer[i] ?? 0;
      writer
        .int(insuredId)
        .tab()
        .int(this.year[i] ?? 0)
        .tab()
        .raw(schemeFields[this.scheme[i] ?? 0] as Uint8Array)
        .tab();
      if (employer > 0) writer.int(employer);
      else writer.null();
      writer
        .tab()
        .int(this.salary[i] ?? 0)
        .tab()
        .int(this.contributed[i] ?? 0)
        .tab()
        .int(this.unemployment[i] ?? 0);
      writer
        .tab()
        .int(this.sickness[i] ?? 0)
        .tab()
        .int(this.maternity[i] ?? 0)
        .tab()
        .int(this.military[i] ?? 0)
        .end();
    }
  }
}

const patternSums = (() => {
  const total = patternWeights.reduce((a, b) => a + b, 0);
  let running = 0;
  return patternWeights.map((w) => {
    running += w;
    return running / total;
  });
})();

function pickPattern(random: Random): CareerPattern {
  const u = random.float();
  const index = patternSums.findIndex((sum) => u < sum);
  return (index < 0 ? CareerPattern.general : index) as CareerPattern;
}
