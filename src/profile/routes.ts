import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditActor } from "../access/guard.ts";
import { spaceOwner } from "../access/index.ts";
import { renderPage } from "../access/view.ts";
import { insuredById } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import type { Html } from "../platform/html.ts";
import {
  BANK_CONFIRMATION_PATH,
  changeAddressOf,
  confirmBankChange,
  type ProfileDeps,
  pendingRequest,
  profileOf,
  requestBankChange,
} from "./service.ts";
import {
  ADDRESS_INPUTS,
  ADDRESS_PATH,
  addressPage,
  addressSavedNotice,
  BANK_INPUTS,
  BANK_PATH,
  bankPage,
  checkYourMailPage,
  confirmedPage,
  confirmPage,
  noEmailPage,
  PROFILE_PATH,
  profilePage,
  unusableLinkPage,
} from "./views.ts";

export interface ProfileRoutesOptions {
  readonly db: Db;
  readonly publicUrl: string;
  readonly now?: () => Date;
}

type Form = Record<string, string | undefined>;

function valuesOf<F extends string>(body: unknown, inputs: Record<F, string>): Record<F, string> {
  const form = (body ?? {}) as Form;
  return Object.fromEntries(
    Object.entries(inputs).map(([field, input]) => [field, String(form[input as string] ?? "")]),
  ) as Record<F, string>;
}

/** Address and bank details of the open space: the person's own, or the represented person's. */
export async function profileRoutes(app: FastifyInstance, options: ProfileRoutesOptions): Promise<void> {
  const deps: ProfileDeps = {
    db: options.db,
    publicUrl: options.publicUrl,
    now: options.now ?? (() => new Date()),
  };

  function ownerId(request: FastifyRequest): number {
    if (request.principal.kind !== "insured") throw new Error("space.view admits insured people only");
    return spaceOwner(request.principal);
  }

  function show(request: FastifyRequest, reply: FastifyReply, title: string, main: Html, status = 200) {
    reply.code(status);
    return renderPage(request, reply, { title, main, path: PROFILE_PATH });
  }

  app.get(
    PROFILE_PATH,
    { config: { action: "space.view", siteMap: { label: "Adresse et compte bancaire" } } },
    async (request, reply) => {
      const summary = await profileOf(options.db, ownerId(request));
      if (!summary) return reply.callNotFound();
      const saved = (request.query as Form).enregistree;
      const notice =
        saved === undefined ? undefined : addressSavedNotice(saved === "caisse" ? summary.fund : undefined);
      return show(request, reply, "Adresse et compte bancaire", profilePage(summary, notice));
    },
  );

  app.get(
    ADDRESS_PATH,
    { config: { action: "space.view", siteMap: { label: "Changer d'adresse" } } },
    async (request, reply) => {
      const owner = await insuredById(options.db, ownerId(request));
      if (!owner) return reply.callNotFound();
      return show(
        request,
        reply,
        "Changer d'adresse",
        addressPage({ csrfToken: request.csrfToken(), form: owner.address }),
      );
    },
  );

  app.post(ADDRESS_PATH, { config: { action: "space.view" } }, async (request, reply) => {
    const owner = await insuredById(options.db, ownerId(request));
    if (!owner) return reply.callNotFound();
    const form = valuesOf(request.body, ADDRESS_INPUTS);
    const result = await changeAddressOf(deps, owner, auditActor(request.principal), form);
    if (!result.ok)
      return show(
        request,
        reply,
        "Changer d'adresse",
        addressPage({ csrfToken: request.csrfToken(), form, errors: result.errors }),
        400,
      );
    return reply.redirect(`${PROFILE_PATH}?enregistree=${result.newFund ? "caisse" : "oui"}`, 303);
  });

  app.get(
    BANK_PATH,
    { config: { action: "space.view", siteMap: { label: "Changer de compte bancaire" } } },
    async (request, reply) => {
      const owner = await insuredById(options.db, ownerId(request));
      if (!owner) return reply.callNotFound();
      return show(
        request,
        reply,
        "Changer de compte bancaire",
        bankPage({ csrfToken: request.csrfToken(), form: { holder: "", iban: "", bic: "" }, names: owner }),
      );
    },
  );

  app.post(BANK_PATH, { config: { action: "space.view" } }, async (request, reply) => {
    const principal = request.principal;
    if (principal.kind !== "insured") return reply.callNotFound();
    const [owner, requester] = await Promise.all([
      insuredById(options.db, spaceOwner(principal)),
      insuredById(options.db, principal.insuredId),
    ]);
    if (!owner || !requester) return reply.callNotFound();
    const form = valuesOf(request.body, BANK_INPUTS);
    const result = await requestBankChange(deps, owner, requester, auditActor(principal), form);
    if (result.ok) return show(request, reply, "Confirmez par courriel", checkYourMailPage(result.sentTo));
    if ("noEmail" in result) return show(request, reply, "Changer de compte bancaire", noEmailPage(), 409);
    return show(
      request,
      reply,
      "Changer de compte bancaire",
      bankPage({ csrfToken: request.csrfToken(), form, errors: result.errors, names: owner }),
      400,
    );
  });

  app.get(BANK_CONFIRMATION_PATH, { config: { action: "space.view" } }, async (request, reply) => {
    const token = String((request.query as Form).jeton ?? "");
    const pending = token === "" ? undefined : await pendingRequest(deps, ownerId(request), token);
    if (!pending) return show(request, reply, "Lien de confirmation inutilisable", unusableLinkPage(), 410);
    return show(
      request,
      reply,
      "Confirmer le nouveau compte bancaire",
      confirmPage(request.csrfToken(), token, pending),
    );
  });

  app.post(BANK_CONFIRMATION_PATH, { config: { action: "space.view" } }, async (request, reply) => {
    const token = String((request.body as Form).jeton ?? "");
    const confirmed =
      token === ""
        ? undefined
        : await confirmBankChange(deps, ownerId(request), auditActor(request.principal), token);
    if (!confirmed) return show(request, reply, "Lien de confirmation inutilisable", unusableLinkPage(), 410);
    return show(request, reply, "Nouveau compte bancaire confirmé", confirmedPage(confirmed));
  });
}
