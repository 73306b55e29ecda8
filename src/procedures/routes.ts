import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { traceRepresentativeRead } from "../access/guard.ts";
import { spaceOwner } from "../access/index.ts";
import { renderPage, type SessionDisplay } from "../access/view.ts";
import { type CaseActor, caseOfReference, casePath } from "../cases/index.ts";
import {
  acceptUpload,
  type DocumentStorage,
  deleteDocuments,
  documentsOf,
  readMultipartForm,
  type StoredDocument,
} from "../documents/index.ts";
import { displayNameOf, insuredById } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import type { Html } from "../platform/html.ts";
import { acknowledgementPdf } from "./acknowledgementPdf.ts";
import { PROCEDURES, PROCEDURES_PATH, procedureBySlug, procedurePath } from "./definitions/index.ts";
import {
  type Answers,
  type AttachedProofs,
  type Draft,
  prefilledAnswers,
  resumeStep,
  type StepEntry,
  stepsOf,
  withPostedStep,
} from "./model.ts";
import {
  abandonDraft,
  draftOfProcedure,
  type ProcedureContext,
  problemsOfStep,
  procedureContext,
  remainingOfDraft,
  saveDraftStep,
  startDraft,
  submitDraft,
} from "./service.ts";
import {
  ACTION_BACK,
  ACTION_NEXT,
  ACTION_SAVE,
  type Acknowledgement,
  abandonPage,
  acknowledgementPage,
  notOfferedPage,
  proofInputName,
  proofsPage,
  questionsPage,
  REMOVE_DOCUMENT,
  reviewPage,
  startPage,
  stepPath,
  type WizardPage,
} from "./views.ts";

export interface ProceduresRoutesOptions {
  readonly db: Db;
  readonly storage: DocumentStorage;
  readonly publicUrl: string;
  readonly now?: () => Date;
}

export const ACKNOWLEDGEMENT_PATH = `${PROCEDURES_PATH}/accuse`;

type Params = { slug: string; step?: string; reference?: string };

/** The service of the procedure the address names, for the guard (none for an unknown address: 404). */
const serviceOfAddress = (request: FastifyRequest) =>
  procedureBySlug((request.params as Params).slug)?.service;

/** A person not offered the procedure is sent back to its start page, which says so. */
function backToStart(request: FastifyRequest, reply: FastifyReply) {
  const procedure = procedureBySlug((request.params as Params).slug);
  return procedure ? reply.redirect(procedurePath(procedure), 303) : reply.callNotFound();
}

const notFound = (_request: FastifyRequest, reply: FastifyReply) => reply.callNotFound();

/** The steps of a draft, for the guard: the procedure's service, and back to the start page without it. */
const stepConfig = { action: "space.view", service: serviceOfAddress, notOffered: backToStart } as const;

function insuredPrincipal(request: FastifyRequest) {
  const principal = request.principal;
  if (principal.kind !== "insured") throw new Error("space.view admits insured people only");
  return principal;
}

function actorOf(request: FastifyRequest): CaseActor {
  const principal = insuredPrincipal(request);
  return { kind: principal.actingFor === null ? "insured" : "representative", id: principal.insuredId };
}

function actingForName(request: FastifyRequest): string | null {
  const principal = insuredPrincipal(request);
  if (principal.actingFor === null) return null;
  return ((request.session?.data ?? {}) as SessionDisplay).actingForName ?? null;
}

/** The online procedures of the personal space: start, steps, proofs, review, submission, abandon. */
export async function proceduresRoutes(
  app: FastifyInstance,
  options: ProceduresRoutesOptions,
): Promise<void> {
  const { db, storage } = options;
  const now = options.now ?? (() => new Date());

  function show(request: FastifyRequest, reply: FastifyReply, title: string, main: Html, status = 200) {
    reply.code(status);
    return renderPage(request, reply, { title, main, path: request.url.split("?")[0] as string });
  }

  /** The procedure of the address and the person's situation; undefined (404) for an unknown address. */
  async function contextOf(
    request: FastifyRequest,
    procedure = procedureBySlug((request.params as Params).slug),
  ): Promise<ProcedureContext | undefined> {
    if (!procedure) return undefined;
    await traceRepresentativeRead(db, request, `procedure.${procedure.code}`);
    return procedureContext(db, spaceOwner(insuredPrincipal(request)), procedure, now());
  }

  function wizard(
    request: FastifyRequest,
    context: ProcedureContext,
    draft: Pick<Draft, "answers" | "proofs">,
    position: number,
    errors: Record<string, string> = {},
  ): WizardPage {
    return {
      procedure: context.procedure,
      steps: stepsOf(context.procedure, draft.answers, context.situation),
      position,
      csrfToken: request.csrfToken(),
      remaining: remainingOfDraft(context, draft),
      errors,
      actingFor: actingForName(request),
    };
  }

  function stepEntries(context: ProcedureContext, answers: Answers): StepEntry[] {
    return stepsOf(context.procedure, answers, context.situation);
  }

  function resumeEntry(context: ProcedureContext, draft: Draft): StepEntry {
    return resumeStep(context.procedure, draft, context.situation);
  }

  async function attachedDocuments(ownerId: number, proofs: AttachedProofs): Promise<StoredDocument[]> {
    const ids = [...new Set(Object.values(proofs).flat())];
    return ids.length === 0 ? [] : documentsOf(db, ownerId, ids);
  }

  function renderStep(
    request: FastifyRequest,
    reply: FastifyReply,
    context: ProcedureContext,
    draft: Draft,
    content: Pick<Draft, "answers" | "proofs">,
    entry: StepEntry,
    errors: Record<string, string>,
    documents: readonly StoredDocument[],
  ) {
    const page = wizard(
      request,
      context,
      content,
      stepEntries(context, content.answers).findIndex((candidate) => candidate.index === entry.index),
      errors,
    );
    const status = Object.keys(errors).length > 0 ? 400 : 200;
    const title = `${entry.title} — ${context.procedure.title}`;
    if (entry.kind === "proofs") {
      const required = context.procedure.proofs(content.answers, context.situation);
      return show(request, reply, title, proofsPage(page, required, content.proofs, documents), status);
    }
    if (entry.kind === "review")
      return show(
        request,
        reply,
        title,
        reviewPage(page, content.answers, context.situation, draft.id, documents),
        status,
      );
    const step = context.procedure.steps[entry.index];
    if (!step) return reply.callNotFound();
    return show(request, reply, title, questionsPage(page, step, content.answers, context.situation), status);
  }

  // One address per procedure, so the site map lists each for the people offered it.
  for (const offered of Object.values(PROCEDURES))
    app.get(
      procedurePath(offered),
      {
        config: {
          action: "space.view",
          service: offered.service,
          notOffered: (request, reply) => show(request, reply, offered.title, notOfferedPage(offered)),
          siteMap: { label: offered.title },
        },
      },
      async (request, reply) => {
        const context = await contextOf(request, offered);
        if (!context) return reply.callNotFound();
        const { procedure } = context;
        const draft = await draftOfProcedure(db, context.owner.id, procedure.code);
        return show(
          request,
          reply,
          procedure.title,
          startPage({
            procedure,
            csrfToken: request.csrfToken(),
            refusal: context.refusal,
            likelyProofs: procedure.proofs(prefilledAnswers(procedure, context.situation), context.situation),
            draft: draft
              ? {
                  lastActivityAt: draft.lastActivityAt,
                  remaining: remainingOfDraft(context, draft),
                  resumeHref: stepPath(procedure, resumeEntry(context, draft)),
                }
              : null,
          }),
        );
      },
    );

  app.post(
    `${PROCEDURES_PATH}/:slug`,
    { config: { action: "space.view", service: serviceOfAddress, notOffered: notFound } },
    async (request, reply) => {
      const context = await contextOf(request);
      if (!context || context.refusal) return reply.callNotFound();
      const draft = await startDraft(db, context, now());
      return reply.redirect(stepPath(context.procedure, resumeEntry(context, draft)), 303);
    },
  );

  /** The person's draft for a step address, or the answer that sends them where they should be. */
  async function draftFor(request: FastifyRequest, reply: FastifyReply) {
    const context = await contextOf(request);
    if (!context) return { done: reply.callNotFound() };
    if (context.refusal) return { done: reply.redirect(procedurePath(context.procedure), 303) };
    const draft = await draftOfProcedure(db, context.owner.id, context.procedure.code);
    if (!draft) return { done: reply.redirect(procedurePath(context.procedure), 303) };
    return { context, draft };
  }

  app.get(`${PROCEDURES_PATH}/:slug/abandonner`, { config: stepConfig }, async (request, reply) => {
    const found = await draftFor(request, reply);
    if (!found.context) return found.done;
    const documents = new Set(Object.values(found.draft.proofs).flat()).size;
    return show(
      request,
      reply,
      `Abandonner ${found.context.procedure.named}`,
      abandonPage(found.context.procedure, request.csrfToken(), documents),
    );
  });

  // No service here: a person whose profile changed (now retired, say) can still drop their draft.
  app.post(
    `${PROCEDURES_PATH}/:slug/abandonner`,
    { config: { action: "space.view" } },
    async (request, reply) => {
      const context = await contextOf(request);
      if (!context) return reply.callNotFound();
      await abandonDraft(db, storage, context.owner.id, context.procedure.code);
      return reply.redirect("/espace#a-faire", 303);
    },
  );

  app.post(
    `${PROCEDURES_PATH}/:slug/envoyer`,
    { config: { action: "space.view", service: serviceOfAddress, notOffered: notFound } },
    async (request, reply) => {
      const procedure = procedureBySlug((request.params as Params).slug);
      if (!procedure) return reply.callNotFound();
      const principal = insuredPrincipal(request);
      const viewer = await insuredById(db, principal.insuredId);
      const result = await submitDraft(db, {
        ownerId: spaceOwner(principal),
        code: procedure.code,
        draftId: readMultipartForm(request).fields.brouillon ?? "",
        viewerEmail: viewer?.email ?? null,
        actor: actorOf(request),
        at: now(),
        publicUrl: options.publicUrl,
        storage,
      });
      if (result.kind === "submitted")
        return reply.redirect(`${ACKNOWLEDGEMENT_PATH}/${result.reference}`, 303);
      if (result.kind === "incomplete")
        return reply.redirect(`${procedurePath(procedure)}/verification`, 303);
      return reply.callNotFound();
    },
  );

  app.get(`${PROCEDURES_PATH}/:slug/:step`, { config: stepConfig }, async (request, reply) => {
    const found = await draftFor(request, reply);
    if (!found.context) return found.done;
    const { context, draft } = found;
    const entries = stepEntries(context, draft.answers);
    const entry = entries.find((candidate) => candidate.id === (request.params as Params).step);
    if (!entry) return reply.redirect(stepPath(context.procedure, resumeEntry(context, draft)), 303);
    const documents =
      entry.kind === "questions" ? [] : await attachedDocuments(context.owner.id, draft.proofs);
    return renderStep(request, reply, context, draft, draft, entry, {}, documents);
  });

  app.post(`${PROCEDURES_PATH}/:slug/:step`, { config: stepConfig }, async (request, reply) => {
    const found = await draftFor(request, reply);
    if (!found.context) return found.done;
    const { context, draft } = found;
    const { procedure, situation } = context;
    const entry = stepEntries(context, draft.answers).find(
      (candidate) => candidate.id === (request.params as Params).step,
    );
    if (!entry || entry.kind === "review") return reply.callNotFound();
    const form = readMultipartForm(request);
    const action = form.fields.action ?? ACTION_NEXT;
    let answers = draft.answers;
    let proofs: Record<string, readonly string[]> = { ...draft.proofs };
    // What this post changes in the proofs, applied to the draft as it is at save time.
    let removedId: string | undefined;
    const added: [string, string][] = [];
    let errors: Record<string, string> = {};

    if (entry.kind === "questions") {
      const step = procedure.steps[entry.index];
      if (!step) return reply.callNotFound();
      answers = withPostedStep(step, draft.answers, situation, (name) => form.fields[name] ?? "");
      errors = problemsOfStep(context, entry.index, answers);
    } else {
      const principal = insuredPrincipal(request);
      const required = new Set(procedure.proofs(answers, situation).map((proof) => proof.code));
      const removed = form.fields[REMOVE_DOCUMENT];
      if (removed) {
        const owned = Object.values(proofs).some((ids) => ids.includes(removed));
        if (owned) {
          proofs = Object.fromEntries(
            Object.entries(proofs).map(([code, ids]) => [code, ids.filter((id) => id !== removed)]),
          );
          removedId = removed;
          await deleteDocuments(db, storage, [removed]);
        }
      }
      for (const file of form.files) {
        const code = file.fieldName.replace(/^preuve-/, "");
        if (!required.has(code)) continue;
        const result = await acceptUpload(db, storage, {
          ownerId: context.owner.id,
          uploadedBy: {
            kind: principal.actingFor === null ? "insured" : "representative",
            id: principal.insuredId,
          },
          file,
          now: now(),
        });
        if (result.ok) added.push([code, result.document.id]);
        else errors[proofInputName(code)] = result.message;
      }
    }

    const content = await saveDraftStep(
      db,
      draft,
      (current) =>
        entry.kind === "questions"
          ? { answers, proofs: current.proofs }
          : { answers: current.answers, proofs: withProofChanges(current.proofs, removedId, added) },
      entry.index,
      now(),
    );
    proofs = { ...content.proofs };
    const entries = stepEntries(context, answers);
    const position = entries.findIndex((candidate) => candidate.index === entry.index);
    const hasErrors = Object.keys(errors).length > 0;

    if (action === ACTION_SAVE) return reply.redirect("/espace#a-faire", 303);
    if (action === ACTION_BACK) {
      const previous = entries[Math.max(0, position - 1)] as StepEntry;
      return reply.redirect(stepPath(procedure, previous), 303);
    }
    if (hasErrors) {
      const documents = entry.kind === "proofs" ? await attachedDocuments(context.owner.id, proofs) : [];
      return renderStep(request, reply, context, draft, content, entry, errors, documents);
    }
    // Adding a row, attaching or removing a file: the same step again, saved.
    if (action !== ACTION_NEXT) return reply.redirect(stepPath(procedure, entry), 303);
    const next = entries[position + 1] ?? entry;
    return reply.redirect(stepPath(procedure, next), 303);
  });

  async function acknowledgementOf(request: FastifyRequest): Promise<Acknowledgement | undefined> {
    const { reference } = request.params as Params;
    const detail = await caseOfReference(db, reference ?? "", spaceOwner(insuredPrincipal(request)), now());
    if (!detail) return undefined;
    const procedure = PROCEDURES[detail.procedure];
    await traceRepresentativeRead(db, request, "case.acknowledgement");
    const missing = Array.isArray(detail.answers.missingProofs)
      ? (detail.answers.missingProofs as { label?: unknown }[])
      : [];
    return {
      procedure,
      reference: detail.reference,
      receivedAt: detail.receivedAt,
      complete: detail.complete,
      missingProofs: missing.map((proof) => String(proof.label ?? "")),
      trackingHref: casePath(detail.reference),
      pdfHref: `${ACKNOWLEDGEMENT_PATH}/${detail.reference}/accuse-de-reception.pdf`,
    };
  }

  app.get(
    `${ACKNOWLEDGEMENT_PATH}/:reference`,
    { config: { action: "space.view" } },
    async (request, reply) => {
      const ack = await acknowledgementOf(request);
      if (!ack) return reply.callNotFound();
      return show(request, reply, `Demande envoyée — ${ack.reference}`, acknowledgementPage(ack));
    },
  );

  app.get(
    `${ACKNOWLEDGEMENT_PATH}/:reference/accuse-de-reception.pdf`,
    { config: { action: "space.view" } },
    async (request, reply) => {
      const ack = await acknowledgementOf(request);
      if (!ack) return reply.callNotFound();
      const owner = await insuredById(db, spaceOwner(insuredPrincipal(request)));
      const pdf = await acknowledgementPdf(ack, owner ? displayNameOf(owner) : "");
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="accuse-de-reception-${ack.reference}.pdf"`)
        .send(pdf);
    },
  );
}

/** Proofs after one post: the removed document out, the documents received added to their proof. */
function withProofChanges(
  proofs: Readonly<Record<string, readonly string[]>>,
  removedId: string | undefined,
  added: readonly (readonly [string, string])[],
): Record<string, readonly string[]> {
  const result: Record<string, readonly string[]> = {};
  for (const [code, ids] of Object.entries(proofs)) result[code] = ids.filter((id) => id !== removedId);
  for (const [code, id] of added) result[code] = [...(result[code] ?? []), id];
  return result;
}
