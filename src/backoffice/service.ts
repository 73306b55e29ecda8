import type { Principal } from "../access/index.ts";
import { type CareerYear, careerOf, childQuartersOf } from "../career/index.ts";
import { childrenOf } from "../family/index.ts";
import { type Insured, insuredById } from "../identity/index.ts";
import { type PensionInPayment, pensionsOf } from "../payments/index.ts";
import { recordAudit } from "../platform/audit.ts";
import type { Db } from "../platform/db.ts";
import {
  type CareerSummary,
  cursorAfter,
  type OpeningReason,
  reasonText,
  type SearchCriteria,
  type SearchCursor,
  type SearchHit,
  summarizeCareer,
} from "./model.ts";
import { searchInsured } from "./store.ts";

export type StaffPrincipal = Extract<Principal, { kind: "staff" }>;

export const SEARCH_PAGE_SIZE = 20;

export interface SearchPage {
  readonly hits: readonly SearchHit[];
  /** Where the next page starts; undefined on the last page. */
  readonly next: SearchCursor | undefined;
}

/** One page of results, in the staff member's fund only unless they are national. */
export async function search(
  db: Db,
  staff: StaffPrincipal,
  criteria: SearchCriteria,
  cursor: SearchCursor | undefined,
  pageSize = SEARCH_PAGE_SIZE,
): Promise<SearchPage> {
  const rows = await searchInsured(db, criteria, staff.fundCode, cursor, pageSize + 1);
  const hits = rows.slice(0, pageSize);
  const last = hits.at(-1);
  return { hits, next: rows.length > pageSize && last ? cursorAfter(last) : undefined };
}

/** Everything the 360° page shows about one person. */
export interface InsuredFile {
  readonly insured: Insured;
  readonly career: readonly CareerYear[];
  readonly careerSummary: CareerSummary;
  readonly children: number;
  readonly pensions: readonly PensionInPayment[];
}

/**
 * Opens a person's file: the opening is written to the audit log first (who, when, whose file, why),
 * then the file is read. The access policy has already checked the role and the fund.
 */
export async function openFile(
  db: Db,
  staff: StaffPrincipal,
  insuredId: number,
  reason: OpeningReason,
  comment: string,
  channel: "page" | "api",
): Promise<InsuredFile | undefined> {
  const insured = await insuredById(db, insuredId);
  if (!insured) return undefined;
  await recordAudit(db, {
    actorKind: "staff",
    actorId: staff.staffId,
    action: "insured.read",
    insuredId,
    reason: reasonText(reason, comment),
    details: { reason, channel },
  });
  const [career, childQuarters, children, pensions] = await Promise.all([
    careerOf(db, insuredId),
    childQuartersOf(db, insuredId),
    childrenOf(db, insuredId),
    pensionsOf(db, insuredId),
  ]);
  return {
    insured,
    career,
    careerSummary: summarizeCareer(career, childQuarters),
    children: children.length,
    pensions,
  };
}
