import { casePath, openProofRequestsOf, type ProofRequest } from "../cases/index.ts";
import {
  activeRepresentations,
  ageOn,
  dateInFrance,
  displayNameOf,
  type Insured,
  insuredById,
  type Representation,
} from "../identity/index.ts";
import { pensionsOf } from "../payments/index.ts";
import type { Db } from "../platform/db.ts";
import { type DraftOverview, draftOverviews } from "../procedures/index.ts";
import { type Agency, agenciesOfFund, type Fund, fundByCode } from "../reference/index.ts";
import { type Catalogue, catalogueFor, nearestAgency } from "./model.ts";

export interface OwnerCatalogue {
  /** The person whose space it is (the represented person when a representative acts). */
  readonly owner: Insured;
  readonly ownerName: string;
  readonly age: number;
  readonly catalogue: Catalogue;
}

export interface SpaceHome extends OwnerCatalogue {
  readonly fund: Fund | undefined;
  readonly agency: Agency | undefined;
  /** People the viewer may act for (only listed in their own space). */
  readonly representations: readonly Representation[];
  /** Procedures started and not sent: "Reprendre ma demande". */
  readonly drafts: readonly DraftOverview[];
  /** Proofs the person's fund asks for on their cases. */
  readonly proofRequests: readonly (ProofRequest & { readonly reference: string; readonly href: string })[];
}

/**
 * The person whose space is open and the services of their profile: what the home shows, and what
 * every service page and the site map check before offering a service.
 */
export async function ownerCatalogue(db: Db, ownerId: number, at: Date): Promise<OwnerCatalogue | undefined> {
  const owner = await insuredById(db, ownerId);
  if (!owner) return undefined;
  const age = ageOn(owner.birthDate, dateInFrance(at));
  const retiree = (await pensionsOf(db, owner.id)).some((pension) => pension.kind === "own_right");
  return {
    owner,
    ownerName: displayNameOf(owner),
    age,
    catalogue: catalogueFor({ age, retiree, situation: owner.situation }),
  };
}

/**
 * What the home of a personal space shows: the owner's profile and services, contact details, fund
 * and agency. `viewerId` is the logged-in person; `ownerId` the person whose space is open.
 */
export async function spaceHome(
  db: Db,
  viewerId: number,
  ownerId: number,
  at: Date,
): Promise<SpaceHome | undefined> {
  // Independent reads: on PostgreSQL they go out on two pooled connections at once.
  const [found, representations, drafts, proofRequests] = await Promise.all([
    ownerCatalogue(db, ownerId, at),
    viewerId === ownerId ? activeRepresentations(db, viewerId, at) : [],
    draftOverviews(db, ownerId, at),
    openProofRequestsOf(db, ownerId),
  ]);
  if (!found) return undefined;
  const { owner } = found;
  return {
    ...found,
    fund: fundByCode(owner.fundCode),
    agency: nearestAgency(
      { postcode: owner.address.postcode, department: owner.department },
      agenciesOfFund(owner.fundCode) ?? [],
    ),
    representations,
    drafts,
    proofRequests: proofRequests.map((request) => ({ ...request, href: casePath(request.reference) })),
  };
}
