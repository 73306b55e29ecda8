import type { Offer, Profile } from "../catalogue/index.ts";
import { childrenOf } from "../family/index.ts";
import type { Insured } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import { type CareerStatement, careerStatement } from "./model.ts";
import { careerOf, childQuartersOf } from "./store.ts";

export interface CareerStatementView {
  readonly owner: Insured;
  readonly ownerName: string;
  readonly profile: Profile;
  readonly statement: CareerStatement;
}

/**
 * The career statement of the person whose space is open, from what they are offered (the guard has
 * checked that the career statement is part of it).
 */
export async function careerStatementFor(db: Db, home: Offer): Promise<CareerStatementView> {
  const ownerId = home.owner.id;
  const [career, awards, children] = await Promise.all([
    careerOf(db, ownerId),
    childQuartersOf(db, ownerId),
    childrenOf(db, ownerId),
  ]);
  const names = new Map(children.map((child) => [child.id, child.firstName]));
  const statement = careerStatement(
    career,
    awards.map((award) => ({ ...award, firstName: names.get(award.childId) ?? null })),
    { sex: home.owner.sex, birthYear: Number(home.owner.birthDate.slice(0, 4)) },
  );
  return { owner: home.owner, ownerName: home.ownerName, profile: home.catalogue.profile, statement };
}
