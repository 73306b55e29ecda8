import { randomUUID } from "node:crypto";
import { type CareerStatement, careerStatementFor } from "../career/index.ts";
import { type CaseActor, type CaseSummary, casePath, casesOf, isOpen, openCase } from "../cases/index.ts";
import { offerFrom, offers } from "../catalogue/index.ts";
import { type DocumentStorage, deleteDocuments } from "../documents/index.ts";
import { childrenOf, deceasedSpouse, partnershipsOf } from "../family/index.ts";
import {
  ageOn,
  checkNir,
  dateInFrance,
  displayNameOf,
  type Insured,
  insuredById,
} from "../identity/index.ts";
import { pensionsOf } from "../payments/index.ts";
import type { Db, Tx } from "../platform/db.ts";
import { CONTACT } from "../platform/format.ts";
import { queueMail } from "../platform/mail.ts";
import { accountForNextPayment, checkIban } from "../profile/index.ts";
import {
  type CalendarDate,
  computeAspa,
  computeSurvivorPension,
  frenchDayOf,
  legalAgeFor,
  parseDate,
  projectPension,
  RulesError,
} from "../rules/index.ts";
import { PROCEDURES } from "./definitions/index.ts";
import {
  type Answers,
  type AttachedProofs,
  type Checkers,
  capitalized,
  type Draft,
  type DraftContent,
  effectiveAnswers,
  type ProcedureCode,
  type ProcedureDefinition,
  prefilledAnswers,
  type Remaining,
  receivedDate,
  remainingOf,
  resumeStep,
  type Situation,
  stepProblems,
} from "./model.ts";
import {
  deleteDraft,
  draftOf,
  draftsOf,
  ensureDraft,
  lockedDraftOf,
  recordSubmission,
  saveDraft,
  submittedCaseReference,
} from "./store.ts";
import { stepPath } from "./views.ts";

export const CHECKERS: Checkers = {
  nir: (text) => {
    const result = checkNir(text);
    return result.ok ? undefined : result.message;
  },
  iban: (text) => {
    const result = checkIban(text);
    return result.ok ? undefined : result.errors.iban;
  },
};

const OTHER_SCHEME_LABELS: Readonly<Record<string, string>> = {
  self_employed: "Travailleurs indépendants",
  agricultural: "Régime agricole (MSA)",
  public_service: "Fonction publique",
  abroad: "Étranger",
};

function calendar(iso: string): CalendarDate {
  return parseDate(iso) as CalendarDate;
}

function isoOf(date: CalendarDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** The start dates a retirement claim is helped with, from the rules engine (as /espace/age-de-depart). */
function startDatesOf(
  birthDate: string,
  today: string,
  statement: CareerStatement | undefined,
  childQuarters: number,
): Situation["startDates"] {
  try {
    const legal = legalAgeFor(calendar(birthDate));
    const years = statement?.years ?? [];
    const projection = projectPension({
      birthDate: calendar(birthDate),
      today: calendar(today),
      career: years.map(({ year, scheme, salary, quarters }) => ({ year, scheme, salary, quarters })),
      childQuarters,
    });
    const working = projection.hypotheses.find((h) => h.id === "favourable");
    const standing = projection.hypotheses.find((h) => h.id === "noFurtherRights");
    if (!working) return null;
    const longCareer = standing?.longCareerEarliestDate ?? working.longCareerEarliestDate;
    return {
      legal: isoOf(legal.legalAgeStartDate),
      earliestFullRate: working.earliestFullRateDate,
      fullRateAge: isoOf(legal.fullRateAgeStartDate),
      longCareer,
      longCareerReason: longCareer
        ? null
        : "Vous ne remplissez pas les conditions d'un départ anticipé pour carrière longue (voir « Partir plus tôt » dans votre espace).",
      requiredQuarters: legal.requiredQuarters,
    };
  } catch (error) {
    if (error instanceof RulesError) return null;
    throw error;
  }
}

function refusalOf(
  result: { eligible: boolean; explanation: readonly { rule: string; text: string }[] },
  rule: string,
) {
  if (result.eligible) return null;
  return result.explanation.find((step) => step.rule === rule)?.text ?? null;
}

/** What Parcours knows of the person, for the procedure's conditions, pre-fill and proof rules. */
export async function situationOf(
  db: Db,
  owner: Insured,
  at: Date,
  procedure: ProcedureCode,
): Promise<Situation> {
  const today = dateInFrance(at);
  const [partnerships, children, pensions, account] = await Promise.all([
    partnershipsOf(db, owner.id),
    childrenOf(db, owner.id),
    pensionsOf(db, owner.id),
    accountForNextPayment(db, owner.id),
  ]);
  const offer = offerFrom(owner, pensions, at);
  // The career helps only people offered its statement (not retirees): the same rule as its page.
  const statement = offers(offer, "careerStatement")
    ? (await careerStatementFor(db, offer)).statement
    : undefined;
  const partner = partnerships.find((p) => p.endedOn === null);
  const deceased = deceasedSpouse(partnerships);
  const age = ageOn(owner.birthDate, today);
  let aspaRefusal: string | null = null;
  try {
    aspaRefusal = refusalOf(
      computeAspa({
        date: calendar(today),
        household: "single",
        resourcesMonthly: 0,
        birthDate: calendar(owner.birthDate),
        incapacity: owner.situation.invalidityPension || owner.situation.disability,
      }),
      "aspaAge",
    );
  } catch (error) {
    if (!(error instanceof RulesError)) throw error;
  }
  return {
    today,
    birthDate: owner.birthDate,
    age,
    sex: owner.sex,
    name: displayNameOf(owner),
    nir: owner.nir,
    retiree: pensions.some((pension) => pension.kind === "own_right"),
    livesAbroad: owner.situation.livesAbroad,
    partner: partner
      ? {
          kind: partner.kind,
          name: partner.partnerName,
          birthDate: partner.partnerBirthDate,
          startedOn: partner.startedOn,
        }
      : null,
    deceasedSpouse: deceased
      ? {
          name: deceased.partnerName,
          birthDate: deceased.partnerBirthDate,
          startedOn: deceased.startedOn,
          diedOn: deceased.endedOn,
        }
      : null,
    children: children.map((child) => ({ firstName: child.firstName, birthDate: child.birthDate })),
    childQuarters: statement?.childQuartersTotal ?? 0,
    bankAccount: account ? { holder: account.holder, iban: account.iban, bic: account.bic } : null,
    career: {
      totalQuarters: statement?.totalWithChildQuarters ?? 0,
      firstYear: statement?.years[0]?.year ?? null,
      lastYear: statement?.years.at(-1)?.year ?? null,
      otherSchemes: (statement?.schemes ?? [])
        .filter((scheme) => scheme.scheme !== "general")
        .map(
          (scheme) =>
            `${OTHER_SCHEME_LABELS[scheme.scheme] ?? scheme.scheme} (${scheme.firstYear === scheme.lastYear ? scheme.firstYear : `${scheme.firstYear}-${scheme.lastYear}`})`,
        ),
      checks: statement?.checks.length ?? 0,
    },
    startDates:
      procedure === "retirementClaim"
        ? startDatesOf(owner.birthDate, today, statement, statement?.childQuartersTotal ?? 0)
        : null,
    survivorRefusal: refusalOf(
      computeSurvivorPension({
        date: calendar(today),
        survivorBirthDate: calendar(owner.birthDate),
        deceasedPensionAnnual: 0,
        survivorResourcesAnnual: 0,
      }),
      "survivorPensionAge",
    ),
    aspaRefusal,
  };
}

/**
 * The procedure as this person meets it: refused by a rule or not. Whether their profile is offered the
 * procedure at all is the guard's check (each procedure route declares its service).
 */
export interface ProcedureContext {
  readonly procedure: ProcedureDefinition;
  readonly owner: Insured;
  readonly situation: Situation;
  readonly refusal: string | null;
}

export async function procedureContext(
  db: Db,
  ownerId: number,
  procedure: ProcedureDefinition,
  at: Date,
): Promise<ProcedureContext | undefined> {
  const owner = await insuredById(db, ownerId);
  if (!owner) return undefined;
  const [situation, pending] = await Promise.all([
    situationOf(db, owner, at, procedure.code),
    procedure.severalOpenCases ? undefined : openCaseOf(db, owner.id, procedure.code, at),
  ]);
  return {
    procedure,
    owner,
    situation,
    refusal: pending
      ? `${capitalized(procedure.named)} n° ${pending.reference}, reçue le ${receivedDate(pending.receivedAt)}, est en cours de traitement : suivez-la dans « Mes dossiers ». Une nouvelle demande sera possible une fois la décision prise.`
      : (procedure.refusal?.(situation) ?? null),
  };
}

async function openCaseOf(
  db: Db,
  ownerId: number,
  code: ProcedureCode,
  at: Date,
): Promise<CaseSummary | undefined> {
  return (await casesOf(db, ownerId, at)).find((found) => found.procedure === code && isOpen(found.state));
}

export function draftOfProcedure(db: Db, ownerId: number, code: ProcedureCode): Promise<Draft | undefined> {
  return draftOf(db, ownerId, code);
}

/** The person's draft of the procedure: the existing one (never a second), else a new one, pre-filled. */
export function startDraft(db: Db, context: ProcedureContext, at: Date): Promise<Draft> {
  return ensureDraft(db, {
    id: randomUUID(),
    insuredId: context.owner.id,
    procedure: context.procedure.code,
    content: { answers: prefilledAnswers(context.procedure, context.situation), proofs: {} },
    at,
  });
}

/**
 * Saves what was typed, valid or not, and where the person is: every step post is kept. `change` is
 * applied to the draft as it is now, row locked, not to the copy the request read when it began: two
 * posts at once (ten uploads from two tabs) each add their part, none overwrites the other's. Returns
 * the content saved.
 */
export async function saveDraftStep(
  db: Db,
  draft: Draft,
  change: (current: DraftContent) => DraftContent,
  currentStep: number,
  at: Date,
): Promise<DraftContent> {
  return db.transaction().execute(async (tx) => {
    const current = await lockedDraftOf(tx, draft.insuredId, draft.procedure);
    const content = change(current ?? draft);
    // Abandoned meanwhile: nothing to save into.
    if (current) await saveDraft(tx, draft.id, content, currentStep, at);
    return content;
  });
}

export function remainingOfDraft(context: ProcedureContext, draft: DraftContent): Remaining {
  return remainingOf(context.procedure, draft.answers, draft.proofs, context.situation, CHECKERS);
}

export function problemsOfStep(context: ProcedureContext, stepIndex: number, answers: Answers) {
  const step = context.procedure.steps[stepIndex];
  return step ? stepProblems(step, answers, context.situation, CHECKERS) : {};
}

function documentIdsOf(proofs: AttachedProofs): string[] {
  return [...new Set(Object.values(proofs).flat())];
}

/** Abandons the draft: it is deleted with every file uploaded for it. */
export async function abandonDraft(
  db: Db,
  storage: DocumentStorage,
  ownerId: number,
  code: ProcedureCode,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const draft = await lockedDraftOf(tx, ownerId, code);
    if (!draft) return false;
    await deleteDraft(tx, draft.id);
    await deleteDocuments(tx, storage, documentIdsOf(draft.proofs));
    return true;
  });
}

export type SubmitResult =
  | { readonly kind: "submitted"; readonly reference: string }
  | { readonly kind: "incomplete"; readonly remaining: Remaining }
  | { readonly kind: "unknown" };

function acknowledgementMail(
  to: string,
  procedure: ProcedureDefinition,
  summary: CaseSummary,
  remaining: Remaining,
  publicUrl: string,
): { to: string; subject: string; text: string } {
  const received = frenchDayOf(dateInFrance(summary.receivedAt));
  return {
    to,
    subject: `Nous avons bien reçu ${procedure.named} (${summary.reference})`,
    text: [
      "Bonjour,",
      "",
      `Nous avons bien reçu ${procedure.named} le ${received}. Sa référence est ${summary.reference} : rappelez-la si vous nous contactez.`,
      "",
      procedure.nextSteps,
      ...(remaining.proofs.length > 0
        ? [
            "",
            "Il manque encore ces justificatifs, à envoyer depuis le suivi de votre dossier :",
            ...remaining.proofs.map((proof) => `- ${proof.label}`),
          ]
        : []),
      "",
      `Suivez votre dossier et retrouvez votre accusé de réception dans votre espace personnel : ${publicUrl}${casePath(summary.reference)}`,
      "",
      "Nous ne vous demanderons jamais votre mot de passe, ni par courriel ni par téléphone.",
      "",
      "L'Assurance retraite",
      CONTACT.line,
    ].join("\n"),
  };
}

/**
 * Sends the draft: in one transaction the case is opened (the draft id is its submission key), the
 * draft deleted (its documents now belong to the case) and the acknowledgement mail queued. A second
 * submission of the same draft — double click, replayed request — finds the case it became.
 */
export async function submitDraft(
  db: Db,
  input: {
    ownerId: number;
    code: ProcedureCode;
    draftId: string;
    viewerEmail: string | null;
    actor: CaseActor;
    at: Date;
    publicUrl: string;
    storage: DocumentStorage;
  },
): Promise<SubmitResult> {
  const procedure = PROCEDURES[input.code];
  const context = await procedureContext(db, input.ownerId, procedure, input.at);
  if (!context || context.refusal) {
    // The case this draft opened is itself the refusal's reason when the submission is replayed.
    const reference = await submittedCaseReference(db, input.draftId, input.ownerId);
    return reference ? { kind: "submitted", reference } : { kind: "unknown" };
  }
  return db.transaction().execute(async (tx: Tx) => {
    const draft = await lockedDraftOf(tx, input.ownerId, input.code);
    if (!draft || draft.id !== input.draftId) {
      const reference = await submittedCaseReference(tx, input.draftId, input.ownerId);
      return reference ? { kind: "submitted", reference } : { kind: "unknown" };
    }
    const remaining = remainingOfDraft(context, draft);
    if (remaining.steps.length > 0) return { kind: "incomplete", remaining };
    const answers = effectiveAnswers(procedure, draft.answers, context.situation);
    const required = new Set(procedure.proofs(draft.answers, context.situation).map((proof) => proof.code));
    const proofs = Object.fromEntries(Object.entries(draft.proofs).filter(([code]) => required.has(code)));
    const opened = await openCase(tx, {
      insuredId: input.ownerId,
      procedure: input.code,
      submissionKey: draft.id,
      answers: {
        ...answers,
        proofs,
        missingProofs: remaining.proofs.map(({ code, label }) => ({ code, label })),
      },
      documentIds: documentIdsOf(proofs),
      claimedStartDate: procedure.claimedStartDate?.(draft.answers) ?? null,
      complete: remaining.proofs.length === 0,
      actor: input.actor,
      at: input.at,
    });
    const reference = opened.case.reference;
    await recordSubmission(tx, {
      draftId: draft.id,
      insuredId: input.ownerId,
      procedure: input.code,
      caseReference: reference,
      at: input.at,
    });
    await deleteDraft(tx, draft.id);
    // Proofs attached and then no longer required (an answer changed) are not the case's: they go.
    const kept = new Set(documentIdsOf(proofs));
    const unused = documentIdsOf(draft.proofs).filter((id) => !kept.has(id));
    if (unused.length > 0) await deleteDocuments(tx, input.storage, unused);
    const to = context.owner.email ?? input.viewerEmail;
    if (opened.created && to)
      await queueMail(tx, acknowledgementMail(to, procedure, opened.case, remaining, input.publicUrl));
    return { kind: "submitted", reference };
  });
}

export interface DraftOverview {
  readonly draft: Draft;
  readonly procedure: ProcedureDefinition;
  readonly href: string;
  readonly remaining: Remaining;
}

/** The person's drafts with what is left in each: the "Reprendre ma demande" list of the home page. */
export async function draftOverviews(db: Db, ownerId: number, at: Date): Promise<DraftOverview[]> {
  const drafts = await draftsOf(db, ownerId);
  if (drafts.length === 0) return [];
  const owner = await insuredById(db, ownerId);
  if (!owner) return [];
  return Promise.all(
    drafts.map(async (draft) => {
      const procedure = PROCEDURES[draft.procedure];
      const situation = await situationOf(db, owner, at, draft.procedure);
      return {
        draft,
        procedure,
        // Straight to the step left, as the link says: the start page would only offer it again.
        href: stepPath(procedure, resumeStep(procedure, draft, situation)),
        remaining: remainingOf(procedure, draft.answers, draft.proofs, situation, CHECKERS),
      };
    }),
  );
}
