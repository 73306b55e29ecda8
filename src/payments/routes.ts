import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditActor, traceRepresentativeRead } from "../access/guard.ts";
import { spaceOwner } from "../access/index.ts";
import { renderPage } from "../access/view.ts";
import { dateInFrance } from "../identity/index.ts";
import { recordAudit } from "../platform/audit.ts";
import type { Db } from "../platform/db.ts";
import { certificatePdf } from "./certificate.ts";
import {
  checkRange,
  checkTaxYear,
  monthsOf,
  type PaymentWithTax,
  paymentCalendar,
  yearsOf,
} from "./model.ts";
import {
  type AwaitingFirstPayment,
  certificateContent,
  type PaymentsHolder,
  paymentsHolder,
  paymentsOverview,
  type TaxYear,
} from "./service.ts";
import {
  awaitingFirstPaymentPage,
  type CertificateForm,
  noPensionPage,
  PAYMENTS_PATH,
  paymentsPage,
} from "./views.ts";

export interface PaymentsRoutesOptions {
  readonly db: Db;
  readonly now?: () => Date;
}

const NO_PENSION_MESSAGE =
  "Aucune retraite de l'Assurance retraite n'est en paiement pour cette personne : il n'y a pas de paiement à afficher.";

// ------------------------------------------------------------ API schemas

const amount = { type: "number", description: "En euros." } as const;
const date = { type: "string", format: "date" } as const;
const month = {
  type: "string",
  pattern: "^\\d{4}-(0[1-9]|1[0-2])$",
  description: "Mois (AAAA-MM).",
} as const;

const paymentSchema = {
  type: "object",
  required: ["month", "paidOn", "gross", "socialContributions", "net", "deductibleCsg", "taxable"],
  properties: {
    month,
    paidOn: date,
    gross: amount,
    socialContributions: { ...amount, description: "CSG, CRDS et CASA, en euros." },
    net: amount,
    deductibleCsg: { ...amount, description: "Part de la CSG déductible du revenu imposable, en euros." },
    taxable: { ...amount, description: "Montant imposable : brut moins CSG déductible, en euros." },
  },
} as const;

const calendarSchema = {
  type: "object",
  required: ["year", "days"],
  properties: {
    year: { type: "integer" },
    days: {
      type: "array",
      items: {
        type: "object",
        required: ["month", "paidOn"],
        properties: { month: { ...month, description: "Mois de la retraite versée." }, paidOn: date },
      },
    },
  },
} as const;

const totalsSchema = {
  type: "object",
  required: ["gross", "socialContributions", "net", "deductibleCsg", "taxable"],
  properties: {
    gross: amount,
    socialContributions: amount,
    net: amount,
    deductibleCsg: amount,
    taxable: amount,
  },
} as const;

const paymentsSchema = {
  type: "object",
  required: ["pensions", "lastPayments", "calendar", "taxYear"],
  properties: {
    pensions: {
      type: "array",
      items: {
        type: "object",
        required: ["kind", "startDate", "monthlyGross"],
        properties: {
          kind: { type: "string", enum: ["own_right", "survivor"] },
          startDate: date,
          monthlyGross: amount,
          rate: { type: ["number", "null"] },
          quartersGeneral: { type: ["integer", "null"] },
          quartersRequired: { type: ["integer", "null"] },
        },
      },
    },
    lastPayments: { type: "array", items: paymentSchema, description: "Les 3 derniers paiements." },
    calendar: calendarSchema,
    firstPaymentOn: {
      type: ["string", "null"],
      format: "date",
      description: "Retraite accordée dont aucun paiement n'est encore versé : jour du premier paiement.",
    },
    taxYear: {
      type: ["object", "null"],
      description:
        "Montant déclaré à l'administration fiscale pour les paiements versés dans l'année (null avant le premier paiement).",
      required: ["year", "inProgress", "payments", "totals"],
      properties: {
        year: { type: "integer" },
        inProgress: { type: "boolean", description: "Vrai tant que des paiements de l'année sont à venir." },
        payments: { type: "array", items: paymentSchema },
        totals: totalsSchema,
      },
    },
  },
} as const;

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
  },
} as const;

const yearQuery = {
  type: "object",
  properties: { annee: { type: "string", description: "Année (AAAA)." } },
} as const;

function paymentJson(payment: PaymentWithTax) {
  return {
    month: payment.period.slice(0, 7),
    paidOn: payment.paidOn,
    gross: payment.gross,
    socialContributions: payment.socialContributions,
    net: payment.net,
    deductibleCsg: payment.deductibleCsg,
    taxable: payment.taxable,
  };
}

function taxYearJson(tax: TaxYear) {
  return {
    year: tax.year,
    inProgress: tax.inProgress,
    payments: tax.payments.map(paymentJson),
    totals: tax.totals,
  };
}

/** The payments pages (/espace/paiements, the certificate PDF) and their API (/api/v1/me/payments). */
export async function paymentsRoutes(app: FastifyInstance, options: PaymentsRoutesOptions): Promise<void> {
  const now = options.now ?? (() => new Date());

  /** The open space's holder; a representative's reading is traced as theirs. */
  async function holderOf(
    request: FastifyRequest,
  ): Promise<PaymentsHolder | AwaitingFirstPayment | "no_pension" | undefined> {
    const principal = request.principal;
    if (principal.kind !== "insured") return undefined;
    const holder = await paymentsHolder(options.db, spaceOwner(principal), dateInFrance(now()));
    if (holder) await traceRepresentativeRead(options.db, request, "payments.read");
    return holder;
  }

  function actingFor(request: FastifyRequest): boolean {
    return request.principal.kind === "insured" && request.principal.actingFor !== null;
  }

  function yearProblem(holder: PaymentsHolder): string {
    const years = yearsOf(holder.span);
    return years.length === 1
      ? `Choisissez l'année ${years[0]}, la seule où un paiement vous a été versé.`
      : `Choisissez une année de la liste, de ${years.at(-1)} à ${years[0]}.`;
  }

  async function renderPaymentsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    holder: PaymentsHolder,
    form: { readonly year?: string | undefined; readonly certificate?: CertificateForm },
  ): Promise<string> {
    const today = dateInFrance(now());
    const years = yearsOf(holder.span);
    const months = monthsOf(holder.span);
    const askedYear = form.year === undefined ? undefined : checkTaxYear(form.year, holder.span);
    const yearError = form.year !== undefined && askedYear === undefined ? yearProblem(holder) : undefined;
    if (yearError) reply.code(400);
    const overview = await paymentsOverview(options.db, holder, today, askedYear ?? (years[0] as number));
    const { firstMonth, lastMonth } = holder.span;
    // The certificate proposed first: this year's months paid so far (the last month alone in January).
    const firstOfYear = `${today.slice(0, 4)}-01`;
    const proposedFrom =
      firstOfYear > lastMonth ? lastMonth : firstOfYear > firstMonth ? firstOfYear : firstMonth;
    return renderPage(request, reply, {
      title: actingFor(request) ? `Paiements de ${holder.ownerName}` : "Mes paiements",
      path: PAYMENTS_PATH,
      main: paymentsPage({
        holder,
        overview,
        months,
        years,
        certificate: form.certificate ?? {
          values: { from: proposedFrom, to: lastMonth },
          errors: {},
        },
        yearError,
        actingFor: actingFor(request),
      }),
    });
  }

  function awaiting(request: FastifyRequest, reply: FastifyReply, holder: AwaitingFirstPayment): string {
    return renderPage(request, reply, {
      title: actingFor(request) ? `Paiements de ${holder.ownerName}` : "Mes paiements",
      path: PAYMENTS_PATH,
      main: awaitingFirstPaymentPage(holder, actingFor(request)),
    });
  }

  function noPension(request: FastifyRequest, reply: FastifyReply): string {
    reply.code(404);
    return renderPage(request, reply, {
      title: "Paiements de retraite",
      path: PAYMENTS_PATH,
      main: noPensionPage(actingFor(request)),
    });
  }

  app.get<{ Querystring: { annee?: string } }>(
    PAYMENTS_PATH,
    {
      config: { action: "space.view", siteMap: { label: "Mes paiements", service: "payments" } },
      schema: { querystring: yearQuery },
    },
    async (request, reply) => {
      const holder = await holderOf(request);
      if (!holder) return reply.callNotFound();
      if (holder === "no_pension") return noPension(request, reply);
      if ("awaiting" in holder) return awaiting(request, reply, holder);
      return renderPaymentsPage(request, reply, holder, { year: request.query.annee });
    },
  );

  app.get<{ Querystring: { du?: string; au?: string } }>(
    "/espace/paiements/attestation.pdf",
    {
      config: { action: "space.view" },
      schema: {
        querystring: {
          type: "object",
          properties: {
            du: { type: "string", description: "Premier mois (AAAA-MM)." },
            au: { type: "string", description: "Dernier mois (AAAA-MM)." },
          },
        },
      },
    },
    async (request, reply) => {
      const holder = await holderOf(request);
      if (!holder) return reply.callNotFound();
      if (holder === "no_pension") return noPension(request, reply);
      // Nothing paid yet, nothing to certify: the page says when the first payment comes.
      if ("awaiting" in holder) return awaiting(request, reply.code(404), holder);
      const values = { from: request.query.du, to: request.query.au };
      const range = checkRange(values, holder.span);
      if (!range.ok) {
        reply.code(400);
        return renderPaymentsPage(request, reply, holder, { certificate: { values, errors: range.errors } });
      }
      const content = await certificateContent(options.db, holder, range.from, range.to);
      const principal = request.principal as Extract<typeof request.principal, { kind: "insured" }>;
      await recordAudit(options.db, {
        ...auditActor(principal),
        action: "payments.certificate",
        insuredId: holder.owner.id,
        reason: null,
        details: { from: range.from, to: range.to },
      });
      const pdf = await certificatePdf(holder, content, dateInFrance(now()));
      return reply
        .type("application/pdf")
        .header(
          "content-disposition",
          `attachment; filename="attestation-paiement-${range.from}-${range.to}.pdf"`,
        )
        .send(pdf);
    },
  );

  app.get<{ Querystring: { annee?: string } }>(
    "/api/v1/me/payments",
    {
      config: { action: "space.view" },
      schema: {
        summary: "Retraites en paiement, 3 derniers paiements, calendrier de l'année et montant imposable",
        description:
          "Le montant imposable (brut moins CSG déductible) est celui des paiements versés dans l'année demandée (`annee`, par défaut la dernière année où un paiement a été versé).",
        tags: ["paiements"],
        querystring: yearQuery,
        response: { 200: paymentsSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const holder = await holderOf(request);
      if (!holder) return reply.callNotFound();
      if (holder === "no_pension")
        return reply.code(404).send({ error: { code: "no_pension", message: NO_PENSION_MESSAGE } });
      if ("awaiting" in holder)
        return {
          pensions: holder.pensions,
          lastPayments: [],
          calendar: {
            year: Number(dateInFrance(now()).slice(0, 4)),
            days: paymentCalendar(Number(dateInFrance(now()).slice(0, 4)), holder.owner.fundCode),
          },
          firstPaymentOn: holder.firstPaymentOn,
          taxYear: null,
        };
      const years = yearsOf(holder.span);
      const year =
        request.query.annee === undefined ? years[0] : checkTaxYear(request.query.annee, holder.span);
      if (year === undefined)
        return reply.code(400).send({ error: { code: "invalid_year", message: yearProblem(holder) } });
      const overview = await paymentsOverview(options.db, holder, dateInFrance(now()), year);
      return {
        pensions: holder.pensions,
        lastPayments: overview.lastPayments.map(paymentJson),
        calendar: overview.calendar,
        firstPaymentOn: null,
        taxYear: taxYearJson(overview.taxYear),
      };
    },
  );

  app.get<{ Querystring: { annee?: string } }>(
    "/api/v1/me/payments/calendar",
    {
      config: { action: "space.view" },
      schema: {
        summary: "Calendrier des paiements d'une année (par défaut l'année en cours)",
        tags: ["paiements"],
        querystring: yearQuery,
        response: { 200: calendarSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const holder = await holderOf(request);
      if (!holder) return reply.callNotFound();
      if (holder === "no_pension")
        return reply.code(404).send({ error: { code: "no_pension", message: NO_PENSION_MESSAGE } });
      const asked = request.query.annee ?? dateInFrance(now()).slice(0, 4);
      if (!/^\d{4}$/.test(asked))
        return reply.code(400).send({
          error: { code: "invalid_year", message: "L'année s'écrit avec 4 chiffres, par exemple 2026." },
        });
      const year = Number(asked);
      return { year, days: paymentCalendar(year, holder.owner.fundCode) };
    },
  );
}
