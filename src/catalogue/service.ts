import { ageOn, dateInFrance, displayNameOf, type Insured, insuredById } from "../identity/index.ts";
import { type PensionInPayment, pensionsOf } from "../payments/index.ts";
import type { Db } from "../platform/db.ts";
import { type Catalogue, catalogueFor } from "./model.ts";

/** What a person is offered in their personal space, and the facts it was computed from. */
export interface Offer {
  /** The person whose space it is (the represented person when a representative acts). */
  readonly owner: Insured;
  readonly ownerName: string;
  readonly age: number;
  readonly catalogue: Catalogue;
}

/**
 * The services offered to the person whose space is open: what the home lists, what the guard checks
 * before a route that declares a service, and what the site map shows. Undefined for an unknown person.
 */
export async function offerOf(db: Db, ownerId: number, at: Date): Promise<Offer | undefined> {
  const [owner, pensions] = await Promise.all([insuredById(db, ownerId), pensionsOf(db, ownerId)]);
  return owner ? offerFrom(owner, pensions, at) : undefined;
}

/** The offer from facts already read: a retiree is a person with an own-right pension in payment. */
export function offerFrom(
  owner: Insured,
  pensions: readonly Pick<PensionInPayment, "kind">[],
  at: Date,
): Offer {
  const age = ageOn(owner.birthDate, dateInFrance(at));
  const retiree = pensions.some((pension) => pension.kind === "own_right");
  return {
    owner,
    ownerName: displayNameOf(owner),
    age,
    catalogue: catalogueFor({ age, retiree, situation: owner.situation }),
  };
}

/** Whether the offer includes this service. */
export function offers(offer: Offer, service: string): boolean {
  return offer.catalogue.services.some((entry) => entry.code === service);
}
