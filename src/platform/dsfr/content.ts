import { type Html, type HtmlValue, html } from "../html.ts";
import { type HeadingLevel, heading } from "./heading.ts";
import { badge } from "./messages.ts";

/* DSFR 1.14 content components: links, stepper, table, summary, cards, tiles, accordion, media. */

export interface LinkOptions {
  readonly href: string;
  /** A DSFR icon class, e.g. "fr-icon-arrow-left-line". */
  readonly icon?: string;
  readonly iconPosition?: "left" | "right";
  readonly size?: "sm" | "lg";
  /** Opens in a new window: the title says so (RGAA 13.2). */
  readonly newWindow?: boolean;
  readonly id?: string;
  readonly className?: string;
}

/** `fr-link`, optionally with an icon (e.g. the "Retour" link: icon "fr-icon-arrow-left-line"). */
export function link(label: HtmlValue, options: LinkOptions): Html {
  const classes = `fr-link${options.size ? ` fr-link--${options.size}` : ""}${
    options.icon ? ` ${options.icon} fr-link--icon-${options.iconPosition ?? "left"}` : ""
  }${options.className ? ` ${options.className}` : ""}`;
  return html`<a class="${classes}" href="${options.href}"${options.id ? html` id="${options.id}"` : ""}${
    options.newWindow ? html` target="_blank" rel="noopener" title="${label} - nouvelle fenêtre"` : ""
  }>${label}</a>`;
}

export interface DownloadLinkOptions {
  readonly href: string;
  /** The file's format, e.g. "PDF". */
  readonly format: string;
  /** Its size in French words, e.g. "61,88 ko", when known. */
  readonly size?: string;
  /** Adds the `download` attribute: the browser saves rather than opens the file. */
  readonly save?: boolean;
  readonly id?: string;
}

/** `fr-link--download`: a file link whose detail gives the format (and size). */
export function downloadLink(label: HtmlValue, options: DownloadLinkOptions): Html {
  return html`<a class="fr-link fr-link--download" href="${options.href}"${options.id ? html` id="${options.id}"` : ""}${
    options.save ? html` download` : ""
  }>${label} <span class="fr-link__detail">${options.size ? `${options.format} – ${options.size}` : options.format}</span></a>`;
}

export interface StepperOptions {
  readonly current: { readonly number: number; readonly title: HtmlValue };
  readonly total: number;
  /** The next step's title; absent on the last step. */
  readonly next?: HtmlValue;
  readonly headingLevel?: HeadingLevel;
}

/** `fr-stepper`: where the person is in a journey of several steps. */
export function stepper(options: StepperOptions): Html {
  return html`<div class="fr-stepper">
  ${heading(
    options.headingLevel ?? 2,
    "fr-stepper__title",
    html`${options.current.title}<span class="fr-stepper__state">Étape ${options.current.number} sur ${options.total}</span>`,
  )}
  <div class="fr-stepper__steps" data-fr-current-step="${options.current.number}" data-fr-steps="${options.total}"></div>
  ${options.next !== undefined && html`<p class="fr-stepper__details"><span class="fr-text--bold">Étape suivante :</span> ${options.next}</p>`}
</div>`;
}

export interface TableOptions {
  readonly caption: HtmlValue;
  readonly headers: readonly HtmlValue[];
  /** Rows of cells; the first cell of each row heads its row (`<th scope="row">`) unless `rowHeaders` is false. */
  readonly rows: readonly (readonly HtmlValue[])[];
  /** Names the table (and its frame, `<id>-composant`) for links and tests. */
  readonly id?: string;
  readonly rowHeaders?: boolean;
  readonly bordered?: boolean;
  /** Hides the caption visually (it stays for screen readers), when a heading already says it. */
  readonly captionHidden?: boolean;
  readonly size?: "sm" | "lg";
}

/** `fr-table` with DSFR 1.14's wrapper/container/content frame, caption and scoped headers. */
export function table(options: TableOptions): Html {
  const rowHeaders = options.rowHeaders !== false;
  const classes = `fr-table${options.bordered ? " fr-table--bordered" : ""}${options.size ? ` fr-table--${options.size}` : ""}${
    options.captionHidden ? " fr-table--no-caption" : ""
  }`;
  return html`<div class="${classes}"${options.id ? html` id="${options.id}-composant"` : ""}><div class="fr-table__wrapper"><div class="fr-table__container"><div class="fr-table__content">
<table${options.id ? html` id="${options.id}"` : ""}>
  <caption>${options.caption}</caption>
  <thead><tr>${options.headers.map((header) => html`<th scope="col">${header}</th>`)}</tr></thead>
  <tbody>${options.rows.map((row) =>
    rowHeaders
      ? html`<tr><th scope="row">${row[0]}</th>${row.slice(1).map((cell) => html`<td>${cell}</td>`)}</tr>`
      : html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`,
  )}</tbody>
</table>
</div></div></div></div>`;
}

/** The former `platform/table.ts` signature, kept for its callers: `table` with row headers. */
export function dataTable(
  caption: string,
  headers: readonly string[],
  rows: readonly HtmlValue[][],
  id?: string,
): Html {
  return table(id === undefined ? { caption, headers, rows } : { caption, headers, rows, id });
}

export interface SummaryEntry {
  /** The id of the section it leads to (without "#"). */
  readonly anchor: string;
  readonly label: HtmlValue;
  readonly children?: readonly SummaryEntry[];
}

function summaryList(entries: readonly SummaryEntry[]): Html {
  return html`<ol>${entries.map(
    (entry) =>
      html`<li><a class="fr-summary__link" href="#${entry.anchor}">${entry.label}</a>${
        entry.children && entry.children.length > 0 && summaryList(entry.children)
      }</li>`,
  )}</ol>`;
}

/** `fr-summary` (sommaire): the page's sections, as links. */
export function summary(entries: readonly SummaryEntry[], title = "Sommaire", id = "sommaire"): Html {
  return html`<nav class="fr-summary" role="navigation" aria-labelledby="${id}-titre">
  <h2 class="fr-summary__title" id="${id}-titre">${title}</h2>
  ${summaryList(entries)}
</nav>`;
}

export interface CardOptions {
  readonly title: HtmlValue;
  readonly description?: HtmlValue;
  /** The whole card is this link; absent, the card is text only (e.g. a service not open yet). */
  readonly href?: string;
  /** Says "Bientôt disponible" in a badge (and the card is no link). */
  readonly comingSoon?: boolean;
  /** Badges or tags above the title (`fr-card__start`), e.g. `badgesGroup([...])`. */
  readonly start?: HtmlValue;
  /** A detail line under the description (`fr-card__detail`). */
  readonly detail?: HtmlValue;
  /** Links or buttons at the bottom (`fr-card__footer`); the card is then not one big link. */
  readonly footer?: HtmlValue;
  readonly headingLevel?: HeadingLevel;
  readonly horizontal?: boolean;
  readonly size?: "sm" | "lg";
  readonly id?: string;
}

const COMING_SOON = badge("Bientôt disponible", { kind: "new", small: true });

/** `fr-card`: a service or a document to open; links span the whole card (`fr-enlarge-link`). */
export function card(options: CardOptions): Html {
  const href = options.comingSoon ? undefined : options.href;
  const enlarge = href !== undefined && options.footer === undefined;
  const classes = `fr-card${enlarge ? " fr-enlarge-link" : ""}${href === undefined ? " fr-card--no-arrow" : ""}${
    options.horizontal ? " fr-card--horizontal" : ""
  }${options.size ? ` fr-card--${options.size}` : ""}`;
  const start = options.comingSoon
    ? html`<ul class="fr-badges-group"><li>${COMING_SOON}</li></ul>`
    : options.start;
  return html`<div class="${classes}"${options.id ? html` id="${options.id}"` : ""}>
  <div class="fr-card__body">
    <div class="fr-card__content">
      ${heading(options.headingLevel ?? 3, "fr-card__title", href === undefined ? options.title : html`<a href="${href}">${options.title}</a>`)}
      ${options.description !== undefined && html`<p class="fr-card__desc">${options.description}</p>`}
      ${start !== undefined && html`<div class="fr-card__start">${start}</div>`}
      ${options.detail !== undefined && html`<div class="fr-card__end"><p class="fr-card__detail">${options.detail}</p></div>`}
    </div>
    ${options.footer !== undefined && html`<div class="fr-card__footer">${options.footer}</div>`}
  </div>
</div>`;
}

export interface TileOptions {
  readonly title: HtmlValue;
  readonly description?: HtmlValue;
  readonly href?: string;
  readonly comingSoon?: boolean;
  readonly detail?: HtmlValue;
  readonly headingLevel?: HeadingLevel;
  readonly horizontal?: boolean;
  readonly small?: boolean;
  readonly id?: string;
}

/** `fr-tile`: a short entry point (a service, a step) in a grid. */
export function tile(options: TileOptions): Html {
  const href = options.comingSoon ? undefined : options.href;
  const classes = `fr-tile${href !== undefined ? " fr-enlarge-link" : " fr-tile--no-icon"}${
    options.horizontal ? " fr-tile--horizontal" : ""
  }${options.small ? " fr-tile--sm" : ""}`;
  return html`<div class="${classes}"${options.id ? html` id="${options.id}"` : ""}>
  <div class="fr-tile__body">
    <div class="fr-tile__content">
      ${heading(options.headingLevel ?? 3, "fr-tile__title", href === undefined ? options.title : html`<a href="${href}">${options.title}</a>`)}
      ${options.description !== undefined && html`<p class="fr-tile__desc">${options.description}</p>`}
      ${options.detail !== undefined && html`<p class="fr-tile__detail">${options.detail}</p>`}
      ${options.comingSoon && html`<div class="fr-tile__start">${COMING_SOON}</div>`}
    </div>
  </div>
</div>`;
}

/** Cards or tiles in a responsive grid (one column on mobile, two from md, `perRow` from lg). */
export function cardGrid(items: readonly Html[], perRow: 2 | 3 | 4 = 3): Html {
  const column =
    perRow === 2
      ? "fr-col-12 fr-col-md-6"
      : perRow === 3
        ? "fr-col-12 fr-col-md-6 fr-col-lg-4"
        : "fr-col-12 fr-col-md-6 fr-col-lg-3";
  return html`<div class="fr-grid-row fr-grid-row--gutters">${items.map((item) => html`<div class="${column}">${item}</div>`)}</div>`;
}

export interface AccordionOptions {
  /** Unique on the page: the button controls `<id>`. */
  readonly id: string;
  readonly title: HtmlValue;
  readonly body: HtmlValue;
  readonly expanded?: boolean;
  readonly headingLevel?: HeadingLevel;
}

/** `fr-accordion`: content folded under a title; opened by the DSFR script (shown when it is absent). */
export function accordion(options: AccordionOptions): Html {
  return html`<section class="fr-accordion">
  ${heading(
    options.headingLevel ?? 3,
    "fr-accordion__title",
    html`<button type="button" class="fr-accordion__btn" aria-expanded="${options.expanded ? "true" : "false"}" aria-controls="${options.id}">${options.title}</button>`,
  )}
  <div class="fr-collapse" id="${options.id}">${options.body}</div>
</section>`;
}

/** `fr-accordions-group`: accordions one under another. */
export function accordionsGroup(accordions: readonly Html[]): Html {
  return html`<div class="fr-accordions-group">${accordions}</div>`;
}

/** `fr-content-media`: a figure (chart, image) with its caption. */
export function contentMedia(media: HtmlValue, caption: HtmlValue, label?: string): Html {
  return html`<figure class="fr-content-media"${label ? html` role="group" aria-label="${label}"` : ""}>
${media}
<figcaption class="fr-content-media__caption">${caption}</figcaption>
</figure>`;
}
