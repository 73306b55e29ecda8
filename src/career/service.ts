import { childrenOf } from "../family/index.ts";
import type { Insured } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import { ownerCatalogue } from "../space/index.ts";
import type { Profile } from "../space/model.ts";
import { type CareerStatement, careerStatement } from "./model.ts";
import { careerOf, childQuartersOf } from "./store.ts";

export interface CareerStatementView {
  readonly owner: Insured;
  readonly ownerName: string;
  readonly profile: Profile;
  readonly statement: CareerStatement;
}

/**
 * The career statement of the person whose space is open (`ownerId`); "not
 * offered" when the person's profile does not include the service (a retiree), undefined when the
 * person does not exist.
 */
export async function careerStatementFor(
  db: Db,
  ownerId: number,
  at: Date,
): Promise<CareerStatementView | "not_offered" | undefined> {
  const home = await ownerCatalogue(db, ownerId, at);
  if (!home) return undefined;
  if (!home.catalogue.services.some((service) => service.code === "careerStatement")) return "not_offered";
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
