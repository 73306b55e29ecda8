import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { html } from "../html.ts";
import {
  accordion,
  alert,
  badge,
  badgesGroup,
  breadcrumb,
  button,
  buttonLink,
  buttonsGroup,
  callout,
  card,
  cardGrid,
  confirmation,
  dataTable,
  downloadLink,
  FOOTER_STATE_LINKS,
  highlight,
  link,
  notice,
  page,
  pagination,
  quote,
  stepper,
  summary,
  table,
  tag,
  tile,
} from "./index.ts";

const HOSTILE = '<b>&"';
const ESCAPED = "&lt;b&gt;&amp;&quot;";

describe("DSFR messages", () => {
  test("an alert has its kind, title level and body; errors are announced at once", () => {
    const error = alert("error", "Connexion impossible", html`<p>Réessayez</p>`).value;
    assert.match(
      error,
      /^<div class="fr-alert fr-alert--error fr-mb-3w" role="alert">\s*<h2 class="fr-alert__title">Connexion impossible<\/h2>\s*<p>Réessayez<\/p>/,
    );
    const info = alert("info", "Titre", "", {
      headingLevel: 3,
      small: true,
      id: "a",
      spacing: "fr-mt-2w",
    }).value;
    assert.match(
      info,
      /^<div class="fr-alert fr-alert--info fr-alert--sm fr-mt-2w" id="a">\s*<h3 class="fr-alert__title">Titre<\/h3>/,
    );
    const untitled = alert("success", "", html`<p>Enregistré</p>`, { small: true }).value;
    assert.doesNotMatch(untitled, /fr-alert__title|role=/);
    assert.ok(alert("warning", HOSTILE).value.includes(ESCAPED));
  });

  test("a callout takes a title, a text paragraph or a block, an action and an accent", () => {
    const markup = callout({
      title: "À savoir",
      headingLevel: 3,
      text: HOSTILE,
      accent: "blue-ecume",
      icon: "fr-icon-info-line",
      action: buttonLink("Voir", { href: "/voir" }),
    }).value;
    assert.match(
      markup,
      /^<div class="fr-callout fr-callout--blue-ecume fr-icon-info-line">\s*<h3 class="fr-callout__title">À savoir<\/h3>/,
    );
    assert.ok(markup.includes(`<p class="fr-callout__text">${ESCAPED}</p>`));
    assert.match(markup, /<a class="fr-btn" href="\/voir">Voir<\/a>/);
    const block = callout({ textBlock: html`<ul class="fr-callout__text"><li>un</li></ul>` }).value;
    assert.doesNotMatch(block, /fr-callout__title|<p/);
    assert.match(block, /<ul class="fr-callout__text">/);
  });

  test("notice, highlight, quote, badge and tag follow DSFR's markup", () => {
    assert.match(
      notice({
        title: "Maintenance",
        description: "ce soir",
        link: { href: "/info", label: "En savoir plus" },
      }).value,
      /<div class="fr-notice fr-notice--info">\s*<div class="fr-container">\s*<div class="fr-notice__body">\s*<p><span class="fr-notice__title">Maintenance<\/span> <span class="fr-notice__desc">ce soir<\/span> <a class="fr-notice__link" href="\/info">En savoir plus<\/a><\/p>/,
    );
    assert.equal(
      highlight("Important", "green-menthe").value,
      '<div class="fr-highlight fr-highlight--green-menthe"><p>Important</p></div>',
    );
    assert.match(
      quote({ text: "Citation", author: "Auteur", source: "Ouvrage", cite: "https://exemple.fr" }).value,
      /<figure class="fr-quote"><blockquote cite="https:\/\/exemple.fr"><p>«\u00a0Citation\u00a0»<\/p><\/blockquote><figcaption><p class="fr-quote__author">Auteur<\/p><ul class="fr-quote__source"><li><cite>Ouvrage<\/cite><\/li><\/ul><\/figcaption><\/figure>/,
    );
    assert.equal(
      badge("Clos", { kind: "success", small: true }).value,
      '<p class="fr-badge fr-badge--success fr-badge--sm">Clos</p>',
    );
    assert.equal(
      badgesGroup([badge("a"), badge("b")]).value,
      '<ul class="fr-badges-group"><li><p class="fr-badge">a</p></li><li><p class="fr-badge">b</p></li></ul>',
    );
    assert.equal(tag("Retraite", { href: "/r" }).value, '<a class="fr-tag" href="/r">Retraite</a>');
    assert.equal(tag(HOSTILE, { small: true }).value, `<p class="fr-tag fr-tag--sm">${ESCAPED}</p>`);
  });
});

describe("DSFR actions", () => {
  test("buttons carry their priority, size and icon; an icon-only button is titled", () => {
    assert.equal(button("Envoyer").value, '<button class="fr-btn" type="submit">Envoyer</button>');
    assert.equal(
      button("Télécharger", {
        priority: "secondary",
        size: "sm",
        icon: "fr-icon-download-line",
        type: "button",
        name: "a",
        value: "1",
      }).value,
      '<button class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-download-line fr-btn--icon-left" type="button" name="a" value="1">Télécharger</button>',
    );
    assert.match(
      button("Fermer", { icon: "fr-icon-close-line", iconPosition: "only", priority: "tertiary-no-outline" })
        .value,
      /class="fr-btn fr-btn--tertiary-no-outline fr-icon-close-line" type="submit" title="Fermer">/,
    );
    assert.equal(
      buttonLink("Commencer", { href: "/a?b=1&c=2", icon: "fr-icon-arrow-right-line", iconPosition: "right" })
        .value,
      '<a class="fr-btn fr-icon-arrow-right-line fr-btn--icon-right" href="/a?b=1&amp;c=2">Commencer</a>',
    );
    assert.match(
      buttonLink("Guide", { href: "https://x.fr", newWindow: true }).value,
      /target="_blank" rel="noopener" title="Guide - nouvelle fenêtre"/,
    );
  });

  test("a buttons group lists its buttons and skips absent ones", () => {
    assert.equal(
      buttonsGroup([button("Oui"), false, buttonLink("Non", { href: "/", priority: "secondary" })], {
        inline: "md",
        align: "right",
      }).value,
      '<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--right"><li><button class="fr-btn" type="submit">Oui</button></li><li><a class="fr-btn fr-btn--secondary" href="/">Non</a></li></ul>',
    );
  });

  test("a confirmation without modal posts its hidden fields with the CSRF token and links back", () => {
    const markup = confirmation({
      id: "retrait",
      title: "Retirer ce justificatif ?",
      body: html`<p>Il ne sera plus joint au dossier.</p>`,
      action: "/dossier/1/retirer",
      csrfToken: "t",
      hidden: { piece: "42&" },
      confirmLabel: "Oui, retirer",
      cancelHref: "/dossier/1",
    }).value;
    assert.match(
      markup,
      /^<section class="fr-mb-4w" id="retrait" aria-labelledby="retrait-titre">\s*<h2 class="fr-h4" id="retrait-titre">Retirer ce justificatif \?<\/h2>/,
    );
    assert.match(
      markup,
      /<form method="post" action="\/dossier\/1\/retirer" novalidate>\n<input type="hidden" name="_csrf" value="t">/,
    );
    assert.match(markup, /<input type="hidden" name="piece" value="42&amp;">/);
    assert.match(
      markup,
      /<li><button class="fr-btn" type="submit">Oui, retirer<\/button><\/li><li><a class="fr-btn fr-btn--secondary" href="\/dossier\/1">Annuler<\/a><\/li>/,
    );
  });
});

describe("DSFR content", () => {
  test("links: with icon, and download links with format and size", () => {
    assert.equal(
      link("Retour", { href: "/espace", icon: "fr-icon-arrow-left-line" }).value,
      '<a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">Retour</a>',
    );
    assert.equal(
      downloadLink("Relevé", { href: "/r.pdf", format: "PDF", size: "61,88 ko", save: true }).value,
      '<a class="fr-link fr-link--download" href="/r.pdf" download>Relevé <span class="fr-link__detail">PDF – 61,88 ko</span></a>',
    );
    assert.equal(
      downloadLink("Lettre", { href: "/l.pdf", format: "PDF" }).value,
      '<a class="fr-link fr-link--download" href="/l.pdf">Lettre <span class="fr-link__detail">PDF</span></a>',
    );
  });

  test("a stepper says the step, the total and the next step", () => {
    const markup = stepper({
      current: { number: 2, title: "Vos enfants" },
      total: 4,
      next: "Vos revenus",
    }).value;
    assert.match(
      markup,
      /<h2 class="fr-stepper__title">Vos enfants<span class="fr-stepper__state">Étape 2 sur 4<\/span><\/h2>/,
    );
    assert.match(markup, /<div class="fr-stepper__steps" data-fr-current-step="2" data-fr-steps="4"><\/div>/);
    assert.match(
      markup,
      /<p class="fr-stepper__details"><span class="fr-text--bold">Étape suivante :<\/span> Vos revenus<\/p>/,
    );
    assert.doesNotMatch(
      stepper({ current: { number: 4, title: "Fin" }, total: 4 }).value,
      /fr-stepper__details/,
    );
  });

  test("a table has DSFR 1.14's frame, its caption, column and row headers", () => {
    const markup = table({
      id: "paiements",
      caption: "Derniers paiements",
      headers: ["Mois", "Montant"],
      rows: [["Janvier", HOSTILE]],
      bordered: true,
    }).value;
    assert.match(
      markup,
      /^<div class="fr-table fr-table--bordered" id="paiements-composant"><div class="fr-table__wrapper"><div class="fr-table__container"><div class="fr-table__content">\n<table id="paiements">/,
    );
    assert.match(markup, /<caption>Derniers paiements<\/caption>/);
    assert.match(markup, /<thead><tr><th scope="col">Mois<\/th><th scope="col">Montant<\/th><\/tr><\/thead>/);
    assert.ok(markup.includes(`<tr><th scope="row">Janvier</th><td>${ESCAPED}</td></tr>`));
    assert.match(
      table({ caption: "c", headers: ["a"], rows: [["x"]], rowHeaders: false }).value,
      /<tr><td>x<\/td><\/tr>/,
    );
    assert.equal(
      dataTable("c", ["a", "b"], [["x", "y"]], "t").value,
      table({ caption: "c", headers: ["a", "b"], rows: [["x", "y"]], id: "t" }).value,
    );
  });

  test("a summary lists the page's sections and subsections", () => {
    const markup = summary([
      { anchor: "a", label: "A", children: [{ anchor: "a1", label: "A.1" }] },
      { anchor: "b", label: "B" },
    ]).value;
    assert.match(
      markup,
      /<nav class="fr-summary" role="navigation" aria-labelledby="sommaire-titre">\s*<h2 class="fr-summary__title" id="sommaire-titre">Sommaire<\/h2>/,
    );
    assert.match(
      markup,
      /<ol><li><a class="fr-summary__link" href="#a">A<\/a><ol><li><a class="fr-summary__link" href="#a1">A.1<\/a><\/li><\/ol><\/li><li><a class="fr-summary__link" href="#b">B<\/a><\/li><\/ol>/,
    );
  });

  test("cards and tiles: a link spans the card; a coming service says so and is no link", () => {
    const open = card({ title: "Ma carrière", description: "Relevé", href: "/espace/carriere" }).value;
    assert.match(open, /^<div class="fr-card fr-enlarge-link">/);
    assert.match(
      open,
      /<h3 class="fr-card__title"><a href="\/espace\/carriere">Ma carrière<\/a><\/h3>\s*<p class="fr-card__desc">Relevé<\/p>/,
    );
    const soon = card({ title: "Réversion", description: "Demande", href: "/x", comingSoon: true }).value;
    assert.match(soon, /^<div class="fr-card fr-card--no-arrow">/);
    assert.doesNotMatch(soon, /href/);
    assert.match(
      soon,
      /<div class="fr-card__start"><ul class="fr-badges-group"><li><p class="fr-badge fr-badge--new fr-badge--sm">Bientôt disponible<\/p><\/li><\/ul><\/div>/,
    );
    const tiled = tile({
      title: "Paiements",
      href: "/espace/paiements",
      headingLevel: 2,
      detail: "3 derniers",
    }).value;
    assert.match(tiled, /^<div class="fr-tile fr-enlarge-link">/);
    assert.match(tiled, /<h2 class="fr-tile__title"><a href="\/espace\/paiements">Paiements<\/a><\/h2>/);
    assert.match(
      tile({ title: "Bientôt", comingSoon: true }).value,
      /fr-tile--no-icon[\s\S]*Bientôt disponible/,
    );
    assert.match(
      cardGrid([card({ title: "Ma carrière", href: "/espace/carriere" })]).value,
      /^<div class="fr-grid-row fr-grid-row--gutters"><div class="fr-col-12 fr-col-md-6 fr-col-lg-4"><div class="fr-card/,
    );
  });

  test("an accordion's button controls its collapse", () => {
    const markup = accordion({ id: "detail-1", title: "Le calcul", body: html`<p>…</p>` }).value;
    assert.match(
      markup,
      /<section class="fr-accordion">\s*<h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="detail-1">Le calcul<\/button><\/h3>\s*<div class="fr-collapse" id="detail-1"><p>…<\/p><\/div>/,
    );
  });
});

describe("DSFR page and navigation", () => {
  test("the footer lists the State's mandatory links in DSFR 1.14's order", () => {
    assert.deepEqual(
      FOOTER_STATE_LINKS.map((stateLink) => stateLink.label),
      ["info.gouv.fr", "service-public.gouv.fr", "legifrance.gouv.fr", "data.gouv.fr"],
    );
    const markup = page({ title: "Accueil", main: "contenu" }).value;
    const order = [
      "https://info.gouv.fr",
      "https://service-public.gouv.fr",
      "https://legifrance.gouv.fr",
      "https://data.gouv.fr",
    ].map((href) => markup.indexOf(`href="${href}"`));
    assert.ok(
      order.every(
        (position, index) => position > 0 && (index === 0 || position > (order[index - 1] as number)),
      ),
    );
    assert.doesNotMatch(markup, /info-retraite/);
    assert.match(markup, /<a class="fr-link" href="#contenu">Contenu<\/a>/);
    assert.match(markup, /<main id="contenu" role="main" tabindex="-1">/);
  });

  test("the page escapes its title and marks the current navigation link", () => {
    const markup = page({
      title: HOSTILE,
      main: "",
      path: "/espace",
      navigation: [
        { href: "/espace", label: "Mon espace" },
        { href: "/aide", label: "Aide" },
      ],
    }).value;
    assert.ok(markup.includes(`<title>${ESCAPED} - Parcours`));
    assert.match(markup, /<a class="fr-nav__link" href="\/espace" aria-current="page">Mon espace<\/a>/);
    assert.match(markup, /<a class="fr-nav__link" href="\/aide">Aide<\/a>/);
  });

  test("a breadcrumb links the pages above and names the current one", () => {
    const markup = breadcrumb({
      links: [
        { href: "/", label: "Accueil" },
        { href: "/espace", label: "Mon espace" },
      ],
      current: "Mes paiements",
    }).value;
    assert.match(
      markup,
      /<button type="button" class="fr-breadcrumb__button" aria-expanded="false" aria-controls="fil-ariane">/,
    );
    assert.match(
      markup,
      /<div class="fr-collapse" id="fil-ariane">\s*<ol class="fr-breadcrumb__list"><li><a class="fr-breadcrumb__link" href="\/">Accueil<\/a><\/li><li><a class="fr-breadcrumb__link" href="\/espace">Mon espace<\/a><\/li><li><a class="fr-breadcrumb__link" aria-current="page">Mes paiements<\/a><\/li><\/ol>/,
    );
  });

  test("pagination: first and previous disabled on page 1, gaps around the current page", () => {
    const markup = pagination({ current: 1, total: 10, href: (n) => `/liste?page=${n}`, around: 1 }).value;
    assert.match(
      markup,
      /<a class="fr-pagination__link fr-pagination__link--first" title="Première page" aria-disabled="true" role="link">/,
    );
    assert.match(markup, /<a class="fr-pagination__link" aria-current="page" title="Page 1">1<\/a>/);
    assert.match(markup, /<a class="fr-pagination__link" href="\/liste\?page=2" title="Page 2">2<\/a>/);
    assert.equal(markup.split("…").length - 1, 1);
    assert.match(markup, /href="\/liste\?page=10" title="Page 10">10</);
    assert.match(markup, /fr-pagination__link--next fr-pagination__link--lg-label" href="\/liste\?page=2"/);
    const last = pagination({ current: 10, total: 10, href: (n) => `/l/${n}` }).value;
    assert.match(last, /fr-pagination__link--last" title="Dernière page" aria-disabled="true"/);
  });
});
