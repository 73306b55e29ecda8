import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CareerYear } from "./career.ts";
import { summarizeCareer } from "./career.ts";
import { activityStart } from "./longCareer.ts";
import { computePensionDetails } from "./pension.ts";
import { day, steadyCareer } from "./testing.ts";

/**
 * Art. D351-1-3 CSS (décret 2023-436), as transcribed by https://droits.nvo.fr/?p=21774 :
 * « Il doit justifier d'une durée d'assurance : d'au moins cinq trimestres à la fin de l'année au cours de
 * laquelle est survenu son 16e, 18e, 20e ou 21e anniversaire ; ou d'une durée d'assurance d'au moins quatre
 * trimestre au titre de l'année au cours de laquelle est survenu le 16e, 18e, 20e ou 21e anniversaire »
 * (the second case for people born in the fourth civil quarter; same wording since décret 2003-1036, see
 * https://lexbase.fr/article-juridique/3215656-breves-un-decret-vient-preciser-les-modalites-de-departs-anticipes-a-la-retraite).
 * « Durée d'assurance » is defined by art. R351-3: « les périodes de cotisations … ainsi que les périodes
 * assimilées à des périodes d'assurance », unlike the « durée d'assurance ayant donné lieu à cotisations » of
 * D351-1-1 for the total.
 */
const WAGE = 28000;

/** A career that starts with the given early years, then earns WAGE every year up to `last`. */
function careerWith(early: CareerYear[], firstSteady: number, last: number): CareerYear[] {
  return [...early, ...steadyCareer(firstSteady, last, WAGE)];
}

function startOf(birth: string, career: CareerYear[]) {
  const birthDate = day(birth);
  const counts = summarizeCareer(career, birthDate, day("2040-01-01"), day("2040-01-01"));
  return activityStart(birthDate, counts.years);
}

describe("long career: the start condition (art. D351-1-3)", () => {
  it("counts assimilated quarters (unemployment, military service) in the five quarters by the end of the year of the 18th birthday, and opens the departure at 60", () => {
    // Born June 1966: 18 in 1984. In 1983 and 1984 no wage at all, only indemnified unemployment (4) and
    // military service (2); contributed work from 1985, 169 quarters by the start date.
    const early: CareerYear[] = [
      { year: 1983, salary: 0, quarters: { contributed: 0, unemployment: 3 } },
      { year: 1984, salary: 0, quarters: { contributed: 0, unemployment: 1, military: 2 } },
    ];
    const details = computePensionDetails({
      birthDate: day("1966-06-10"),
      startDate: day("2027-04-01"),
      career: careerWith(early, 1985, 2027),
    });
    assert.equal(details.longCareer?.eligible, true);
    assert.equal(details.longCareer?.startedBeforeAge, 18);
    assert.deepEqual(details.longCareer?.earliestAge, { years: 60, months: 0 });
    const step = details.longCareer?.explanation[0];
    assert.match(
      step?.text ?? "",
      /6 trimestres \(cotisés ou assimilés, tous régimes\) à la fin de l'année de vos 18 ans/,
    );
    assert.match(step?.reference ?? "", /D351-1-3/);
  });

  it("without those assimilated quarters the same person has « started before » 21 only", () => {
    const start = startOf("1966-06-10", careerWith([], 1985, 2027));
    // 4 by the end of 1985 (19), 8 by the end of 1986 (20): the 20-year step.
    assert.equal(start.step?.startedBeforeAge, 20);
    const none = startOf("1966-06-10", careerWith([], 1987, 2027));
    assert.equal(none.step, undefined);
    assert.equal(none.byEndOfYear, 4);
  });

  it("born in the fourth quarter: four quarters within the year of the birthday suffice", () => {
    // Born November 1966: 20 in 1986, four quarters in 1986 and none before.
    const start = startOf("1966-11-10", careerWith([], 1986, 2027));
    assert.equal(start.step?.startedBeforeAge, 20);
    assert.equal(start.inYear, 4);
    assert.match(start.text, /au titre de l'année de vos 20 ans/);
  });

  it("born in the fourth quarter: four quarters spread over two years are not « au titre de l'année »", () => {
    // Two quarters in 1985 and two in 1986: four by the end of 1986, two of them within 1986, fewer than
    // five in all — not « before 20 »; by the end of 1987 there are eight — « before 21 ».
    const early: CareerYear[] = [
      { year: 1985, salary: 0, quarters: { contributed: 2 } },
      { year: 1986, salary: 0, quarters: { contributed: 2 } },
    ];
    assert.equal(startOf("1966-11-10", careerWith(early, 1987, 2027)).step?.startedBeforeAge, 21);
  });

  it("born before October: four quarters in the year of the birthday are not enough", () => {
    // Born June 1966, four quarters in 1986 (20) and none before: the 21-year step only.
    assert.equal(startOf("1966-06-10", careerWith([], 1986, 2027)).step?.startedBeforeAge, 21);
  });

  it("counts quarters of every scheme, four a year at most", () => {
    const early: CareerYear[] = [
      { year: 1983, salary: 0, scheme: "msa", quarters: { contributed: 3 } },
      { year: 1984, salary: 0, quarters: { contributed: 2, sickness: 4 } },
    ];
    const start = startOf("1966-06-10", careerWith(early, 1985, 2027));
    assert.equal(start.step?.startedBeforeAge, 18);
    assert.equal(start.byEndOfYear, 7);
  });
});
