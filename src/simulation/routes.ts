import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { traceRepresentativeRead } from "../access/guard.ts";
import { spaceOwner } from "../access/index.ts";
import { renderPage } from "../access/view.ts";
import { dateInFrance } from "../identity/index.ts";
import { apiErrorSchema } from "../platform/api.ts";
import type { Db } from "../platform/db.ts";
import type { Html } from "../platform/html.ts";
import {
  type CalendarDate,
  type LegalAgeResult,
  legalAgeFor,
  type ProjectionResult,
  parseDate,
  RulesError,
  runCommand,
} from "../rules/index.ts";
import { globalEstimatePdf } from "./eig.ts";
import { longCareerOutlook, readBirthDate, readStartDate, type SimulationService } from "./model.ts";
import {
  offersEstimate,
  offersGlobalEstimate,
  PersonMemo,
  personalLegalAge,
  projectionFor,
  projectionInputsOf,
  type SimulationSubject,
  simulationSubject,
} from "./service.ts";
import {
  estimateNotOfferedPage,
  estimatePage,
  type LegalAgeFormErrors,
  type LegalAgeFormValues,
  longCareerPage,
  personalLegalAgePage,
  publicLegalAgePage,
} from "./views.ts";

export interface SimulationRoutesOptions {
  readonly db: Db;
  readonly now?: () => Date;
}

const ageSchema = {
  type: "object",
  required: ["years", "months"],
  properties: { years: { type: "integer" }, months: { type: "integer" } },
} as const;

const explanationSchema = {
  type: "array",
  description: "Chaque étape du calcul, avec la règle de droit appliquée.",
  items: {
    type: "object",
    required: ["rule", "reference", "text"],
    properties: { rule: { type: "string" }, reference: { type: "string" }, text: { type: "string" } },
  },
} as const;

const amountSchema = {
  type: "object",
  required: ["annual", "monthly"],
  properties: { annual: { type: "number" }, monthly: { type: "number" } },
} as const;

const legalAgeSchema = {
  type: "object",
  required: ["legalAge", "legalAgeDate", "requiredQuarters", "fullRateAge", "fullRateAgeDate", "explanation"],
  properties: {
    legalAge: ageSchema,
    legalAgeDate: { type: "string", format: "date" },
    requiredQuarters: { type: "integer" },
    fullRateAge: ageSchema,
    fullRateAgeDate: { type: "string", format: "date" },
    explanation: explanationSchema,
  },
} as const;

const pensionSchema = {
  type: "object",
  required: ["averageSalary", "quarters", "requiredQuarters", "rate", "pension", "explanation"],
  properties: {
    averageSalary: { type: "number" },
    quarters: {
      type: "object",
      required: ["general", "allSchemes", "contributed", "afterLegalAge"],
      properties: {
        general: { type: "integer" },
        allSchemes: { type: "integer" },
        contributed: { type: "integer" },
        afterLegalAge: { type: "integer" },
      },
    },
    requiredQuarters: { type: "integer" },
    rate: { type: "number" },
    reductionQuarters: { type: "integer" },
    bonusQuarters: { type: "integer" },
    bonusRate: { type: "number" },
    prorata: { type: "number" },
    basePension: amountSchema,
    minimumPension: {
      type: "object",
      required: ["applies", "annual", "monthly"],
      properties: { applies: { type: "boolean" }, annual: { type: "number" }, monthly: { type: "number" } },
    },
    pension: amountSchema,
    explanation: explanationSchema,
  },
} as const;

const departureSchema = {
  type: "object",
  required: ["startDate", "age", "result"],
  properties: { startDate: { type: "string", format: "date" }, age: ageSchema, result: pensionSchema },
} as const;

const estimateSchema = {
  type: "object",
  required: ["birthDate", "today", "hypotheses"],
  properties: {
    birthDate: { type: "string", format: "date" },
    today: { type: "string", format: "date" },
    hypotheses: {
      type: "array",
      items: {
        type: "object",
        required: [
          "id",
          "label",
          "description",
          "earliestFullRateDate",
          "longCareerEarliestDate",
          "departures",
        ],
        properties: {
          id: { type: "string" },
          label: { type: "string" },
          description: { type: "string" },
          earliestFullRateDate: { type: "string", format: "date" },
          longCareerEarliestDate: { type: ["string", "null"], format: "date" },
          departures: {
            type: "object",
            required: ["legalAge", "earliestFullRate", "fullRateAge"],
            properties: {
              legalAge: departureSchema,
              earliestFullRate: departureSchema,
              fullRateAge: departureSchema,
            },
          },
        },
      },
    },
  },
} as const;

const longCareerSchema = {
  type: "object",
  required: ["eligible", "asItStands", "ifWorking", "reason", "contributedAtLegalAge", "requiredQuarters"],
  properties: {
    eligible: { type: "boolean" },
    asItStands: {
      type: ["string", "null"],
      format: "date",
      description: "Départ anticipé au plus tôt avec la carrière actuelle, sans nouveau trimestre.",
    },
    ifWorking: {
      type: ["string", "null"],
      format: "date",
      description: "Départ anticipé au plus tôt en travaillant à temps plein jusque-là.",
    },
    reason: { type: ["string", "null"], description: "Pourquoi le départ anticipé n'est pas possible." },
    contributedAtLegalAge: { type: "integer" },
    requiredQuarters: { type: "integer" },
  },
} as const;

/** People whose projection and estimate page each instance keeps (see PersonMemo). */
const MEMO_CAPACITY = 1000;

const notOffered = {
  error: {
    code: "service_non_propose",
    message: "Ce service n'est pas proposé à votre profil : il l'est à partir de 45 ans, avant la retraite.",
  },
};

/** The simulators: the public legal age calculator, and the personal ones computed from the real career. */
export async function simulationRoutes(
  app: FastifyInstance,
  options: SimulationRoutesOptions,
): Promise<void> {
  const now = options.now ?? (() => new Date());
  // About 45 kB per projection (as JSON) and 50 kB per estimate page: some 100 MB per app instance at most.
  const projections = new PersonMemo<ProjectionResult>(MEMO_CAPACITY);
  const estimateViews = new PersonMemo<Html>(MEMO_CAPACITY);
  const projectionOf = (subject: SimulationSubject) =>
    projections.get(subject.insured.id, projectionInputsOf(subject), () => projectionFor(subject));

  /** The person whose space is open; a representative's reading is traced as theirs. */
  async function subjectOf(request: FastifyRequest): Promise<SimulationSubject | undefined> {
    const principal = request.principal;
    if (principal.kind !== "insured") return undefined;
    const subject = await simulationSubject(options.db, spaceOwner(principal), now());
    if (subject) await traceRepresentativeRead(options.db, request, "space.read");
    return subject;
  }

  const actingForName = (request: FastifyRequest, subject: SimulationSubject) =>
    request.principal.kind === "insured" && request.principal.actingFor !== null ? subject.name : null;

  /** A page of the personal space about the person whose space is open (their own or the represented one's). */
  function personalPage(
    path: string,
    label: string,
    service: SimulationService,
    build: (request: FastifyRequest, reply: FastifyReply, subject: SimulationSubject) => string,
  ): void {
    app.get(
      path,
      { config: { action: "space.view", siteMap: { label, service } } },
      async (request, reply) => {
        const subject = await subjectOf(request);
        if (!subject) return reply.callNotFound();
        return build(request, reply, subject);
      },
    );
  }

  app.get<{ Querystring: LegalAgeFormValues }>(
    "/simulateurs/age-legal",
    {
      config: { action: "public.view", siteMap: { label: "Connaître mon âge de départ" } },
      schema: {
        hide: true,
        querystring: {
          type: "object",
          properties: {
            jour: { type: "string", maxLength: 10 },
            mois: { type: "string", maxLength: 10 },
            annee: { type: "string", maxLength: 10 },
            departMois: { type: "string", maxLength: 10 },
            departAnnee: { type: "string", maxLength: 10 },
          },
        },
      },
    },
    async (request, reply) => {
      const values = request.query;
      const title = "Connaître mon âge de départ";
      if (Object.keys(values).length === 0)
        return renderPage(request, reply, {
          title,
          path: "/simulateurs/age-legal",
          main: publicLegalAgePage({ values, errors: {}, legal: undefined }),
        });
      const today = parseDate(dateInFrance(now())) as CalendarDate;
      const birth = readBirthDate(values.jour ?? "", values.mois ?? "", values.annee ?? "", today);
      const start = readStartDate(values.departMois ?? "", values.departAnnee ?? "");
      let errors: LegalAgeFormErrors = {
        ...(birth.ok ? {} : { birthDate: birth.message }),
        ...(start.ok ? {} : { startDate: start.message }),
      };
      let legal: LegalAgeResult | undefined;
      if (birth.ok && start.ok && birth.date) {
        try {
          legal = legalAgeFor(birth.date, start.date);
        } catch (error) {
          if (!(error instanceof RulesError)) throw error;
          errors =
            error.code === "generation_non_couverte"
              ? { birthDate: error.message }
              : { startDate: error.message };
        }
      }
      if (!legal) reply.code(400);
      return renderPage(request, reply, {
        title: legal ? `Votre âge de départ – ${title}` : title,
        path: "/simulateurs/age-legal",
        main: publicLegalAgePage({ values, errors, legal }),
      });
    },
  );

  personalPage("/espace/age-de-depart", "Mon âge de départ", "legalAge", (request, reply, subject) =>
    renderPage(request, reply, {
      title: "Mon âge de départ",
      path: "/espace/age-de-depart",
      main: personalLegalAgePage(personalLegalAge(subject), actingForName(request, subject)),
    }),
  );

  personalPage(
    "/espace/carriere-longue",
    "Partir plus tôt (carrière longue)",
    "longCareerEarlyRetirement",
    (request, reply, subject) =>
      renderPage(request, reply, {
        title: "Partir plus tôt (carrière longue)",
        path: "/espace/carriere-longue",
        main: offersEstimate(subject)
          ? longCareerPage(longCareerOutlook(projectionOf(subject)), actingForName(request, subject))
          : estimateNotOfferedPage(subject.retiree),
      }),
  );

  personalPage("/espace/estimation", "Estimer ma retraite", "pensionEstimate", (request, reply, subject) =>
    renderPage(request, reply, {
      title: "Estimer ma retraite",
      path: "/espace/estimation",
      main: offersEstimate(subject)
        ? estimateViews.get(
            subject.insured.id,
            `${projectionInputsOf(subject)}|${actingForName(request, subject)}|${offersGlobalEstimate(subject)}`,
            () =>
              estimatePage({
                projection: projectionOf(subject),
                actingFor: actingForName(request, subject),
                globalEstimate: offersGlobalEstimate(subject),
              }),
          )
        : estimateNotOfferedPage(subject.retiree),
    }),
  );

  app.get("/espace/eig.pdf", { config: { action: "space.view" } }, async (request, reply) => {
    const subject = await subjectOf(request);
    if (!subject) return reply.callNotFound();
    if (!offersGlobalEstimate(subject)) {
      reply.code(403);
      return renderPage(request, reply, {
        title: "Estimation indicative globale",
        main: estimateNotOfferedPage(subject.retiree),
      });
    }
    const pdf = await globalEstimatePdf(subject, personalLegalAge(subject), projectionOf(subject));
    return reply
      .type("application/pdf")
      .header("content-disposition", 'attachment; filename="estimation-indicative-globale.pdf"')
      .send(pdf);
  });

  // ------------------------------------------------------------------ JSON API

  app.get<{ Querystring: { birthDate: string; startDate?: string } }>(
    "/api/v1/simulation/age",
    {
      config: { action: "public.view" },
      schema: {
        summary: "Âge légal de départ, âge du taux plein et trimestres requis pour une date de naissance",
        tags: ["simulateurs"],
        querystring: {
          type: "object",
          required: ["birthDate"],
          properties: {
            birthDate: { type: "string", description: "AAAA-MM-JJ" },
            startDate: { type: "string", description: "AAAA-MM-JJ, le 1er d'un mois (facultatif)" },
          },
        },
        response: { 200: legalAgeSchema, 400: apiErrorSchema },
      },
    },
    async (request, reply) => {
      try {
        return runCommand("age", request.query);
      } catch (error) {
        if (!(error instanceof RulesError)) throw error;
        return reply.code(400).send({ error: { code: error.code, message: error.message } });
      }
    },
  );

  app.get(
    "/api/v1/me/estimate",
    {
      config: { action: "space.view" },
      schema: {
        summary: "Estimation de la retraite : cinq hypothèses de fin de carrière, trois dates de départ",
        tags: ["simulateurs"],
        response: { 200: estimateSchema, 403: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const subject = await subjectOf(request);
      if (!subject) return reply.callNotFound();
      if (!offersEstimate(subject)) return reply.code(403).send(notOffered);
      return projectionOf(subject);
    },
  );

  app.get(
    "/api/v1/me/long-career",
    {
      config: { action: "space.view" },
      schema: {
        summary: "Départ anticipé pour carrière longue : possibilité, date au plus tôt, raison",
        tags: ["simulateurs"],
        response: { 200: longCareerSchema, 403: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const subject = await subjectOf(request);
      if (!subject) return reply.callNotFound();
      if (!offersEstimate(subject)) return reply.code(403).send(notOffered);
      const outlook = longCareerOutlook(projectionOf(subject));
      return { ...outlook, eligible: outlook.reason === null };
    },
  );

  app.get(
    "/api/v1/me/legal-age",
    {
      config: { action: "space.view" },
      schema: {
        summary: "Âge légal de la personne et trimestres validés à ce jour",
        tags: ["simulateurs"],
        response: {
          200: {
            type: "object",
            required: [...legalAgeSchema.required, "quartersSoFar"],
            properties: { ...legalAgeSchema.properties, quartersSoFar: { type: "integer" } },
          },
        },
      },
    },
    async (request, reply) => {
      const subject = await subjectOf(request);
      if (!subject) return reply.callNotFound();
      const { legal, sofar } = personalLegalAge(subject);
      const fields = runCommand("age", { birthDate: subject.insured.birthDate }) as Record<string, unknown>;
      return {
        ...fields,
        requiredQuarters: legal.requiredQuarters,
        quartersSoFar: sofar.quarters.allSchemes,
      };
    },
  );
}
