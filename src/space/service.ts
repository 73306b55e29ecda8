import { casePath, openProofRequestsOf, type ProofRequest } from "../cases/index.ts";
import { type Offer, offerOf } from "../catalogue/index.ts";
import { activeRepresentations, type Representation } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import { type DraftOverview, draftOverviews } from "../procedures/index.ts";
import { type Agency, agenciesOfFund, type Fund, fundByCode } from "../reference/index.ts";
import { nearestAgency } from "./model.ts";

export interface SpaceHome extends Offer {
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
    offerOf(db, ownerId, at),
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
