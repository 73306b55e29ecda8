import { type Html, type HtmlValue, html } from "../html.ts";

/* DSFR 1.14 page shell (skip links, header, main, footer) and the navigation pieces: breadcrumb, pagination. */

export interface NavigationLink {
  readonly href: string;
  readonly label: string;
}

export interface PageOptions {
  readonly title: string;
  readonly main: HtmlValue;
  /** Current path, to mark the active navigation link. */
  readonly path?: string;
  readonly navigation?: readonly NavigationLink[];
  /** Links at the top right (e.g. "Se connecter"). */
  readonly tools?: readonly NavigationLink[];
  /** The logged-in visitor: their name and the logout form. */
  readonly account?: { readonly name: string; readonly logoutAction: string; readonly csrfToken: string };
  /** Shown above the content of every page (e.g. "you act on behalf of…"). */
  readonly notice?: HtmlValue;
}

export const SERVICE_NAME = "Parcours";
export const SERVICE_TAGLINE = "Votre retraite avec l'Assurance retraite";

const DEFAULT_NAVIGATION: readonly NavigationLink[] = [{ href: "/", label: "Accueil" }];

/** Mandatory links of every State site footer (DSFR), and the site's own legal pages (RGAA). */
export const FOOTER_LEGAL_LINKS: readonly NavigationLink[] = [
  { href: "/plan-du-site", label: "Plan du site" },
  { href: "/accessibilite", label: "Accessibilité : non conforme" },
  { href: "/mentions-legales", label: "Mentions légales" },
  { href: "/donnees-personnelles", label: "Données personnelles" },
  { href: "/gestion-des-cookies", label: "Gestion des cookies" },
];

/** The State's mandatory footer links, in DSFR 1.14's order (its footer example): not to be edited. */
export const FOOTER_STATE_LINKS: readonly NavigationLink[] = [
  { href: "https://info.gouv.fr", label: "info.gouv.fr" },
  { href: "https://service-public.gouv.fr", label: "service-public.gouv.fr" },
  { href: "https://legifrance.gouv.fr", label: "legifrance.gouv.fr" },
  { href: "https://data.gouv.fr", label: "data.gouv.fr" },
];

function navigationItem(link: NavigationLink, path: string | undefined): Html {
  return html`<li class="fr-nav__item"><a class="fr-nav__link" href="${link.href}"${
    link.href === path ? html` aria-current="page"` : ""
  }>${link.label}</a></li>`;
}

/** The DSFR page: skip links, header, main content, footer; French; works without JavaScript. */
export function page(options: PageOptions): Html {
  const navigation = options.navigation ?? DEFAULT_NAVIGATION;
  const tools = options.tools ?? [];
  return html`<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<meta name="format-detection" content="telephone=no">
<title>${options.title} - ${SERVICE_NAME} - l'Assurance retraite</title>
<link rel="stylesheet" href="/dsfr/dsfr.min.css">
<link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css">
<link rel="apple-touch-icon" href="/dsfr/favicon/apple-touch-icon.png">
<link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml">
<link rel="shortcut icon" href="/dsfr/favicon/favicon.ico" type="image/x-icon">
<link rel="manifest" href="/dsfr/favicon/manifest.webmanifest" crossorigin="use-credentials">
</head>
<body>
<div class="fr-skiplinks">
  <nav class="fr-container" role="navigation" aria-label="Accès rapide">
    <ul class="fr-skiplinks__list">
      <li><a class="fr-link" href="#contenu">Contenu</a></li>
      <li><a class="fr-link" href="#navigation-principale">Menu</a></li>
      <li><a class="fr-link" href="#pied-de-page">Pied de page</a></li>
    </ul>
  </nav>
</div>
<header role="banner" class="fr-header">
  <div class="fr-header__body">
    <div class="fr-container">
      <div class="fr-header__body-row">
        <div class="fr-header__brand fr-enlarge-link">
          <div class="fr-header__brand-top">
            <div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div>
            <div class="fr-header__navbar">
              <button class="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls="menu-mobile" aria-haspopup="menu" id="bouton-menu" title="Menu">Menu</button>
            </div>
          </div>
          <div class="fr-header__service">
            <a href="/" title="Accueil - ${SERVICE_NAME} - l'Assurance retraite">
              <p class="fr-header__service-title">${SERVICE_NAME}</p>
            </a>
            <p class="fr-header__service-tagline">${SERVICE_TAGLINE}</p>
          </div>
        </div>
        <div class="fr-header__tools">
          <div class="fr-header__tools-links">
            <ul class="fr-btns-group">${tools.map(
              (tool) => html`<li><a class="fr-btn" href="${tool.href}">${tool.label}</a></li>`,
            )}${
              options.account &&
              html`<li><p class="fr-btn fr-icon-account-circle-line fr-btn--icon-left">${options.account.name}</p></li>
              <li><form method="post" action="${options.account.logoutAction}"><input type="hidden" name="_csrf" value="${options.account.csrfToken}"><button type="submit" class="fr-btn fr-icon-logout-box-r-line fr-btn--icon-left">Se déconnecter</button></form></li>`
            }</ul>
          </div>
        </div>
      </div>
    </div>
  </div>
  <div class="fr-header__menu fr-modal" id="menu-mobile" aria-labelledby="bouton-menu">
    <div class="fr-container">
      <button class="fr-btn--close fr-btn" aria-controls="menu-mobile" title="Fermer">Fermer</button>
      <div class="fr-header__menu-links"></div>
      <nav class="fr-nav" id="navigation-principale" role="navigation" aria-label="Menu principal">
        <ul class="fr-nav__list">${navigation.map((link) => navigationItem(link, options.path))}</ul>
      </nav>
    </div>
  </div>
</header>
<main id="contenu" role="main" tabindex="-1">
  <div class="fr-container fr-my-6w">
${options.notice}
${options.main}
  </div>
</main>
<footer class="fr-footer" role="contentinfo" id="pied-de-page">
  <div class="fr-container">
    <div class="fr-footer__body">
      <div class="fr-footer__brand fr-enlarge-link">
        <a href="/" title="Retour à l'accueil du site - ${SERVICE_NAME} - l'Assurance retraite">
          <p class="fr-logo">République<br>Française</p>
        </a>
      </div>
      <div class="fr-footer__content">
        <p class="fr-footer__content-desc">${SERVICE_NAME} est le service en ligne de l'Assurance retraite (régime général de la Sécurité sociale) : suivre sa carrière, préparer et demander sa retraite, vivre sa retraite.</p>
        <ul class="fr-footer__content-list">${FOOTER_STATE_LINKS.map(
          (link) =>
            html`<li class="fr-footer__content-item"><a class="fr-footer__content-link" target="_blank" rel="noopener external" title="${link.label} - nouvelle fenêtre" href="${link.href}">${link.label}</a></li>`,
        )}</ul>
      </div>
    </div>
    <div class="fr-footer__bottom">
      <ul class="fr-footer__bottom-list">${FOOTER_LEGAL_LINKS.map(
        (link) =>
          html`<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="${link.href}">${link.label}</a></li>`,
      )}</ul>
      <div class="fr-footer__bottom-copy">
        <p>Sauf mention explicite de propriété intellectuelle détenue par des tiers, les contenus de ce site sont proposés sous <a href="https://github.com/etalab/licence-ouverte/blob/master/LO.md" target="_blank" rel="noopener" title="licence etalab-2.0 - nouvelle fenêtre">licence etalab-2.0</a>.</p>
      </div>
    </div>
  </div>
</footer>
<script type="module" src="/dsfr/dsfr.module.min.js"></script>
<script nomodule src="/dsfr/dsfr.nomodule.min.js"></script>
</body>
</html>`;
}

export interface BreadcrumbOptions {
  /** The pages above the current one, from the home page down. */
  readonly links: readonly NavigationLink[];
  /** The current page's label (not a link). */
  readonly current: HtmlValue;
  readonly id?: string;
}

/** `fr-breadcrumb` (fil d'Ariane): folded on mobile behind its button, opened by the DSFR script. */
export function breadcrumb(options: BreadcrumbOptions): Html {
  const id = options.id ?? "fil-ariane";
  return html`<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
  <button type="button" class="fr-breadcrumb__button" aria-expanded="false" aria-controls="${id}">Voir le fil d’Ariane</button>
  <div class="fr-collapse" id="${id}">
    <ol class="fr-breadcrumb__list">${options.links.map(
      (link) => html`<li><a class="fr-breadcrumb__link" href="${link.href}">${link.label}</a></li>`,
    )}<li><a class="fr-breadcrumb__link" aria-current="page">${options.current}</a></li></ol>
  </div>
</nav>`;
}

export interface PaginationOptions {
  /** The page shown, from 1. */
  readonly current: number;
  readonly total: number;
  /** The address of page n. */
  readonly href: (page: number) => string;
  /** Pages shown on each side of the current one (2 by default); the first and last are always shown. */
  readonly around?: number;
}

function paginationLink(
  page: number,
  options: PaginationOptions,
  label: HtmlValue,
  extraClass: string,
  title: string,
): Html {
  const disabled = page < 1 || page > options.total || page === options.current;
  return html`<li>${
    disabled
      ? html`<a class="fr-pagination__link${extraClass}" title="${title}" aria-disabled="true" role="link">${label}</a>`
      : html`<a class="fr-pagination__link${extraClass}" href="${options.href(page)}" title="${title}">${label}</a>`
  }</li>`;
}

/** `fr-pagination`: first, previous, numbered pages (with "…" gaps), next, last. */
export function pagination(options: PaginationOptions): Html {
  const around = options.around ?? 2;
  const pages: Html[] = [];
  let gap = false;
  for (let page = 1; page <= options.total; page++) {
    const shown = page === 1 || page === options.total || Math.abs(page - options.current) <= around;
    if (!shown) {
      if (!gap) pages.push(html`<li><span class="fr-pagination__link fr-displayed-lg">…</span></li>`);
      gap = true;
      continue;
    }
    gap = false;
    pages.push(
      page === options.current
        ? html`<li><a class="fr-pagination__link" aria-current="page" title="Page ${page}">${page}</a></li>`
        : html`<li><a class="fr-pagination__link" href="${options.href(page)}" title="Page ${page}">${page}</a></li>`,
    );
  }
  return html`<nav role="navigation" class="fr-pagination" aria-label="Pagination">
  <ul class="fr-pagination__list">
    ${paginationLink(1, options, "Première page", " fr-pagination__link--first", "Première page")}
    ${paginationLink(options.current - 1, options, "Page précédente", " fr-pagination__link--prev fr-pagination__link--lg-label", "Page précédente")}
    ${pages}
    ${paginationLink(options.current + 1, options, "Page suivante", " fr-pagination__link--next fr-pagination__link--lg-label", "Page suivante")}
    ${paginationLink(options.total, options, "Dernière page", " fr-pagination__link--last", "Dernière page")}
  </ul>
</nav>`;
}
