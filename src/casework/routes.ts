import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { traceRepresentativeRead } from "../access/guard.ts";
import { decide, type Principal } from "../access/index.ts";
import { renderPage } from "../access/view.ts";
import {
  assignCase,
  type CaseDetail,
  CaseError,
  type CaseState,
  CaseTransitionError,
  caseOf,
  markRead,
  moveCase,
  ownCaseResource,
  postMessage,
  requestProof,
} from "../cases/index.ts";
import type { Db } from "../platform/db.ts";
import { formField } from "../platform/dsfr/index.ts";
import { PROCEDURES } from "../procedures/index.ts";
import { fundByCode } from "../reference/index.ts";
import { staffByEmail, staffById } from "../staff/index.ts";
import { decisionLetterPdf } from "./decisionLetter.ts";
import {
  MANUAL_MOVES,
  messageProblem,
  type QueueValues,
  readDecision,
  readProofRequest,
  readQueueFilter,
  reasonProblem,
} from "./model.ts";
import {
  type CaseFile,
  caseFileForOwner,
  decideCase,
  decisionLetterOf,
  engineAmount,
  fundName,
  openCaseFile,
  queuePage,
  type StaffPrincipal,
  scheduleFirstPayment,
  staffActor,
} from "./service.ts";
import { type CaseForms, casePagePath, casePageView, QUEUE_PATH, queuePageView } from "./views.ts";

export interface CaseworkRoutesOptions {
  readonly db: Db;
  /** The public address of Parcours: mails to the person link to their case from it. */
  readonly publicUrl: string;
  readonly now?: () => Date;
}

/** Every case-work route passes the policy first, so the principal is a staff member here. */
function staffOf(request: FastifyRequest): StaffPrincipal {
  const principal: Principal = request.principal;
  if (principal.kind !== "staff") throw new Error("case-work route reached without a staff principal");
  return principal;
}

/** The case worker's back-office: the queue, the case page and its actions, the decision letter. */
export async function caseworkRoutes(app: FastifyInstance, options: CaseworkRoutesOptions): Promise<void> {
  const { db, publicUrl } = options;
  const now = options.now ?? (() => new Date());
  const loaded = new WeakMap<FastifyRequest, CaseDetail>();

  /** The case of `:id`, for the policy's fund check; undefined (404) when there is none. */
  async function caseResource(request: FastifyRequest) {
    const raw = (request.params as { id?: string }).id ?? "";
    const detail = /^\d{1,15}$/.test(raw) ? await caseOf(db, Number(raw), now()) : undefined;
    if (!detail) return undefined;
    loaded.set(request, detail);
    return { insuredId: detail.insuredId, fundCode: detail.fundCode };
  }

  function resolvedCase(request: FastifyRequest): CaseDetail {
    const detail = loaded.get(request);
    if (!detail) throw new Error("case resource not resolved");
    return detail;
  }

  async function staffNames(file: CaseFile): Promise<Map<number, string>> {
    const ids = new Set<number>();
    for (const entry of file.detail.timeline) {
      const actor = entry.type === "transition" ? entry.actor : entry.author;
      if (actor.kind === "staff" && actor.id !== null) ids.add(actor.id);
    }
    const members = await Promise.all([...ids].map((id) => staffById(db, id)));
    return new Map(members.flatMap((m) => (m ? [[m.id, m.displayName] as const] : [])));
  }

  /** The case page; after a refused action the case is as the access check read it (nothing changed). */
  async function renderCase(
    request: FastifyRequest,
    reply: FastifyReply,
    forms: CaseForms,
    done?: string,
  ): Promise<string | FastifyReply> {
    const file = await openCaseFile(db, staffOf(request), resolvedCase(request));
    if (!file) {
      reply.callNotFound();
      return reply;
    }
    return renderPage(request, reply, {
      title: `Dossier ${file.detail.reference}`,
      path: QUEUE_PATH,
      main: casePageView({
        file,
        csrfToken: request.csrfToken(),
        forms,
        done,
        staffNames: await staffNames(file),
        selfAssigned: file.detail.assignedStaffId === staffOf(request).staffId,
      }),
    });
  }

  function refused(request: FastifyRequest, reply: FastifyReply, forms: CaseForms) {
    reply.code(400);
    return renderCase(request, reply, forms);
  }

  const done = (reply: FastifyReply, caseId: number, what: string, anchor = "") =>
    reply.redirect(`${casePagePath(caseId)}?fait=${what}${anchor}`, 303);

  const caseRoute = { config: { action: "case.work" as const, resource: caseResource } };

  // ------------------------------------------------------------ the queue

  app.get(
    QUEUE_PATH,
    { config: { action: "case.work", siteMap: { label: "Espace agent : dossiers à traiter" } } },
    async (request, reply) => {
      const staff = staffOf(request);
      const query = request.query as Record<string, unknown>;
      const values: QueueValues = {
        procedure: formField(query, "demarche"),
        state: formField(query, "etat"),
        dueBefore: formField(query, "echeance"),
        assigned: formField(query, "attribution"),
        fund: staff.fundCode === null ? formField(query, "caisse") : "",
      };
      const after = formField(query, "apres") || undefined;
      const national = staff.fundCode === null;
      const scope = national
        ? "Vous voyez les dossiers de toutes les caisses."
        : `Vous voyez les dossiers de votre caisse : ${fundName(staff.fundCode as string)}.`;
      const read = readQueueFilter(values, (code) => fundByCode(code) !== undefined);
      const common = { scope, national, values, continued: after !== undefined };
      if (!read.ok) {
        reply.code(400);
        return renderPage(request, reply, {
          title: "Dossiers à traiter",
          path: QUEUE_PATH,
          main: queuePageView({ ...common, problems: read.problems, page: undefined, nextHref: null }),
        });
      }
      try {
        const page = await queuePage(db, staff, read.filter, after, now());
        const nextQuery = new URLSearchParams(
          Object.entries({
            demarche: values.procedure,
            etat: values.state,
            echeance: values.dueBefore,
            attribution: values.assigned,
            caisse: values.fund,
          }).filter(([, value]) => value !== ""),
        );
        if (page.next) nextQuery.set("apres", page.next);
        return renderPage(request, reply, {
          title: after ? "Dossiers à traiter (suite)" : "Dossiers à traiter",
          path: QUEUE_PATH,
          main: queuePageView({
            ...common,
            problems: {},
            page,
            nextHref: page.next ? `${QUEUE_PATH}?${nextQuery.toString()}#resultats` : null,
          }),
        });
      } catch (error) {
        if (!(error instanceof CaseError)) throw error;
        reply.code(400);
        return renderPage(request, reply, {
          title: "Dossiers à traiter",
          path: QUEUE_PATH,
          main: queuePageView({
            ...common,
            problems: { procedure: error.message },
            page: undefined,
            nextHref: null,
          }),
        });
      }
    },
  );

  // ------------------------------------------------------------ the case

  app.get(`${QUEUE_PATH}/:id`, caseRoute, async (request, reply) => {
    const what = formField(request.query, "fait");
    return renderCase(request, reply, {}, what || undefined);
  });

  app.post(`${QUEUE_PATH}/:id/attribution`, caseRoute, async (request, reply) => {
    const detail = resolvedCase(request);
    const staff = staffOf(request);
    if (formField(request.body, "prendre") === "oui") {
      await assignCase(db, detail.id, staff.staffId, staffActor(staff), now());
      return done(reply, detail.id, "attribution");
    }
    const email = formField(request.body, "agent").trim();
    if (email === "") {
      await assignCase(db, detail.id, null, staffActor(staff), now());
      return done(reply, detail.id, "attribution");
    }
    const member = await staffByEmail(db, email);
    const canWork =
      member?.active &&
      decide(
        { kind: "staff", staffId: member.id, role: member.role, fundCode: member.fundCode },
        "case.work",
        { fundCode: detail.fundCode },
      ).allowed;
    if (!member || !canWork)
      return refused(request, reply, {
        assign: {
          email,
          problem: `Aucun agent chargé des dossiers de la caisse ${fundName(detail.fundCode)} n'a cette adresse : vérifiez-la.`,
        },
      });
    await assignCase(db, detail.id, member.id, staffActor(staff), now());
    return done(reply, detail.id, "attribution");
  });

  app.post(`${QUEUE_PATH}/:id/etat`, caseRoute, async (request, reply) => {
    const detail = resolvedCase(request);
    const to = formField(request.body, "vers");
    const reason = formField(request.body, "motif-etat");
    const problems: { to?: string; reason?: string } = {};
    if (!(MANUAL_MOVES as readonly string[]).includes(to))
      problems.to = "Choisissez le nouvel état dans la liste.";
    const reasonIssue = reasonProblem(reason, "le motif du changement d'état");
    if (reasonIssue) problems.reason = reasonIssue;
    if (Object.keys(problems).length === 0) {
      try {
        await moveCase(db, detail.id, to as CaseState, staffActor(staffOf(request)), reason.trim(), now());
        return done(reply, detail.id, "etat");
      } catch (error) {
        if (!(error instanceof CaseTransitionError || error instanceof CaseError)) throw error;
        problems.to = error.message;
      }
    }
    return refused(request, reply, { move: { to, reason, problems } });
  });

  app.post(`${QUEUE_PATH}/:id/justificatif`, caseRoute, async (request, reply) => {
    const detail = resolvedCase(request);
    const values = {
      proof: formField(request.body, "piece"),
      otherLabel: formField(request.body, "piece-autre"),
      reason: formField(request.body, "motif-piece"),
    };
    const read = readProofRequest(values, PROCEDURES[detail.procedure].proofCatalogue);
    if (!read.ok) return refused(request, reply, { proof: { values, problems: read.problems } });
    try {
      await requestProof(db, detail.id, {
        proofCode: read.proof.code,
        proofLabel: read.proof.label,
        reason: read.reason,
        actor: staffActor(staffOf(request)),
        at: now(),
        publicUrl,
      });
    } catch (error) {
      if (!(error instanceof CaseTransitionError || error instanceof CaseError)) throw error;
      return refused(request, reply, {
        proof: { values, problems: { proof: error.message } },
      });
    }
    return done(reply, detail.id, "justificatif");
  });

  app.post(`${QUEUE_PATH}/:id/message`, caseRoute, async (request, reply) => {
    const detail = resolvedCase(request);
    const body = formField(request.body, "corps");
    let problem = messageProblem(body);
    if (!problem) {
      try {
        await postMessage(db, detail.id, {
          body,
          documentIds: [],
          actor: staffActor(staffOf(request)),
          at: now(),
          publicUrl,
        });
        return done(reply, detail.id, "message");
      } catch (error) {
        if (!(error instanceof CaseError)) throw error;
        problem = error.message;
      }
    }
    return refused(request, reply, { message: { body, problem } });
  });

  app.post(`${QUEUE_PATH}/:id/lu`, caseRoute, async (request, reply) => {
    const detail = resolvedCase(request);
    await markRead(db, detail.id, "staff", now());
    return done(reply, detail.id, "lu");
  });

  app.post(`${QUEUE_PATH}/:id/decision`, caseRoute, async (request, reply) => {
    const detail = resolvedCase(request);
    const staff = staffOf(request);
    const values = {
      outcome: formField(request.body, "decision"),
      amount: formField(request.body, "montant"),
      reason: formField(request.body, "motif-decision"),
    };
    const file = await openCaseFile(db, staff, detail);
    if (!file) return reply.callNotFound();
    const read = readDecision(values, engineAmount(file.assessment));
    if (!read.ok) return refused(request, reply, { decision: { values, problems: read.problems } });
    try {
      await decideCase(db, staff, file, read.decision, publicUrl, now());
    } catch (error) {
      if (!(error instanceof CaseTransitionError || error instanceof CaseError)) throw error;
      return refused(request, reply, {
        decision: { values, problems: { outcome: error.message } },
      });
    }
    return done(reply, detail.id, "decision");
  });

  app.post(`${QUEUE_PATH}/:id/paiement`, caseRoute, async (request, reply) => {
    const detail = resolvedCase(request);
    const staff = staffOf(request);
    const file = await openCaseFile(db, staff, detail);
    if (!file) return reply.callNotFound();
    let problem: string;
    try {
      const scheduled = await scheduleFirstPayment(db, staff, file, publicUrl, now());
      if (scheduled.ok) return done(reply, detail.id, "paiement");
      problem = scheduled.message;
    } catch (error) {
      if (!(error instanceof CaseTransitionError || error instanceof CaseError)) throw error;
      problem = error.message;
    }
    return refused(request, reply, { payment: { problem } });
  });

  async function sendLetter(reply: FastifyReply, file: CaseFile) {
    const letter = decisionLetterOf(file);
    if (!letter) return reply.callNotFound();
    const pdf = await decisionLetterPdf(letter);
    return reply
      .type("application/pdf")
      .header("content-disposition", `inline; filename="decision-${file.detail.reference}.pdf"`)
      .send(pdf);
  }

  app.get(`${QUEUE_PATH}/:id/decision.pdf`, caseRoute, async (request, reply) => {
    const file = await openCaseFile(db, staffOf(request), resolvedCase(request));
    if (!file) return reply.callNotFound();
    return sendLetter(reply, file);
  });

  // ------------------------------------------------------------ the person's copy of the letter

  const ownCase = ownCaseResource(db, now);

  app.get(
    "/espace/dossiers/:reference/decision.pdf",
    { config: { action: "space.view", resource: ownCase.resource } },
    async (request, reply) => {
      const detail = ownCase.caseOf(request);
      await traceRepresentativeRead(db, request, "case.letter.read");
      const file = await caseFileForOwner(db, detail);
      if (!file) return reply.callNotFound();
      return sendLetter(reply, file);
    },
  );
}
