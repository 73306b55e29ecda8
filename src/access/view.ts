import type { FastifyReply, FastifyRequest } from "fastify";
import { type NavigationLink, type PageOptions, page } from "../platform/dsfr/index.ts";
import { html } from "../platform/html.ts";
import { STAFF_ACTIONS } from "./policy.ts";

/** What a session remembers to show on every page without a query. */
export interface SessionDisplay {
  readonly displayName?: string;
  readonly actingForName?: string;
  /** Where the logout button posts: FranceConnect sessions log out through the provider. */
  readonly logoutPath?: string;
}

function display(request: FastifyRequest): SessionDisplay {
  return (request.session?.data ?? {}) as SessionDisplay;
}

function navigationFor(request: FastifyRequest): { navigation: NavigationLink[]; tools: NavigationLink[] } {
  const principal = request.principal ?? { kind: "anonymous" };
  switch (principal.kind) {
    case "anonymous":
      return {
        navigation: [{ href: "/", label: "Accueil" }],
        tools: [{ href: "/connexion", label: "Se connecter" }],
      };
    case "insured":
      return { navigation: [{ href: "/espace", label: "Mon espace" }], tools: [] };
    case "staff":
      return {
        navigation: [
          { href: "/agent", label: "Rechercher un assuré" },
          ...(STAFF_ACTIONS["case.work"]?.has(principal.role)
            ? [{ href: "/agent/dossiers", label: "Dossiers à traiter" }]
            : []),
          ...(principal.role === "administrator"
            ? [{ href: "/agent/admin/agents", label: "Gérer les agents" }]
            : []),
        ],
        tools: [],
      };
  }
}

/**
 * A page as this visitor sees it: their navigation, their name and logout button, and — for a legal
 * representative — on whose behalf they act, on every page.
 */
export function renderPage(request: FastifyRequest, reply: FastifyReply, options: PageOptions): string {
  const principal = request.principal ?? { kind: "anonymous" };
  const names = display(request);
  const { navigation, tools } = navigationFor(request);
  const loggedIn = principal.kind !== "anonymous";
  reply.type("text/html; charset=utf-8");
  // An answer that refuses or corrects says so first in the title, the first thing a screen reader
  // announces (WCAG 3.3.1, DSFR form guidance).
  const title =
    reply.statusCode >= 400 && !options.title.startsWith("Erreur")
      ? `Erreur : ${options.title}`
      : options.title;
  return page({
    navigation,
    tools,
    ...(loggedIn
      ? {
          account: {
            name: names.displayName ?? "Mon compte",
            logoutAction:
              principal.kind === "staff" ? "/agent/deconnexion" : (names.logoutPath ?? "/deconnexion"),
            csrfToken: request.csrfToken(),
          },
        }
      : {}),
    notice:
      principal.kind === "insured" && principal.actingFor !== null
        ? html`<div class="fr-notice fr-notice--info fr-mb-4w" role="region" aria-label="Représentation">
  <div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">Vous agissez pour le compte de ${
    names.actingForName ?? "la personne que vous représentez"
  }. Tout ce que vous faites est enregistré à votre nom. <a href="/espace/representation">Changer</a></p></div></div>
</div>`
        : undefined,
    ...options,
    title,
  }).value;
}
