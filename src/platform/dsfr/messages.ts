import { type Html, type HtmlValue, html } from "../html.ts";
import { type HeadingLevel, heading } from "./heading.ts";

/* DSFR 1.14 messages and labels: alert, callout, notice, highlight, quote, badge, tag. */

export type AlertKind = "info" | "success" | "warning" | "error";

export interface AlertOptions {
  /** Heading level of the title (2 by default). */
  readonly headingLevel?: HeadingLevel;
  /** `fr-alert--sm`: a one-line alert; its title may be omitted (title "" then body only). */
  readonly small?: boolean;
  readonly id?: string;
  /** Spacing classes after the alert (default "fr-mb-3w"). */
  readonly spacing?: string;
}

/**
 * `fr-alert`: the result of an action or a state to notice. Errors are announced at once
 * (`role="alert"`); a title "" renders a body-only alert (DSFR's "sans titre").
 */
export function alert(
  kind: AlertKind,
  title: HtmlValue,
  body: HtmlValue = "",
  options: AlertOptions = {},
): Html {
  const hasTitle = title !== "" && title !== undefined && title !== null;
  return html`<div class="fr-alert fr-alert--${kind}${options.small ? " fr-alert--sm" : ""} ${options.spacing ?? "fr-mb-3w"}"${
    options.id ? html` id="${options.id}"` : ""
  }${kind === "error" ? html` role="alert"` : ""}>
  ${hasTitle && heading(options.headingLevel ?? 2, "fr-alert__title", title)}
  ${body}
</div>`;
}

export type AccentColor =
  | "green-tilleul-verveine"
  | "green-bourgeon"
  | "green-emeraude"
  | "green-menthe"
  | "green-archipel"
  | "blue-ecume"
  | "blue-cumulus"
  | "purple-glycine"
  | "pink-macaron"
  | "pink-tuile"
  | "yellow-tournesol"
  | "yellow-moutarde"
  | "orange-terre-battue"
  | "brown-cafe-creme"
  | "brown-caramel"
  | "brown-opera"
  | "beige-gris-galet";

export interface CalloutOptions {
  readonly title?: HtmlValue;
  readonly headingLevel?: HeadingLevel;
  /**
   * The text. A string or inline content becomes `<p class="fr-callout__text">`; for a list or several
   * paragraphs pass `textBlock` instead.
   */
  readonly text?: HtmlValue;
  /** Block content given as is after the title (lists, several paragraphs, a definition list). */
  readonly textBlock?: HtmlValue;
  /** A button or link under the text (e.g. `buttonLink(…)`). */
  readonly action?: HtmlValue;
  readonly accent?: AccentColor;
  /** A DSFR icon class, e.g. "fr-icon-info-line". */
  readonly icon?: string;
  readonly id?: string;
}

/** `fr-callout` (mise en avant): information the person should not miss on the page. */
export function callout(options: CalloutOptions): Html {
  return html`<div class="fr-callout${options.accent ? ` fr-callout--${options.accent}` : ""}${
    options.icon ? ` ${options.icon}` : ""
  }"${options.id ? html` id="${options.id}"` : ""}>
  ${options.title !== undefined && heading(options.headingLevel ?? 2, "fr-callout__title", options.title)}
  ${options.text !== undefined && html`<p class="fr-callout__text">${options.text}</p>`}
  ${options.textBlock}
  ${options.action}
</div>`;
}

export interface NoticeOptions {
  readonly title: HtmlValue;
  readonly description?: HtmlValue;
  readonly link?: { readonly href: string; readonly label: string };
}

/** `fr-notice fr-notice--info`: a band of important, temporary information at the top of the page. */
export function notice(options: NoticeOptions): Html {
  return html`<div class="fr-notice fr-notice--info">
  <div class="fr-container">
    <div class="fr-notice__body">
      <p><span class="fr-notice__title">${options.title}</span>${
        options.description !== undefined &&
        html` <span class="fr-notice__desc">${options.description}</span>`
      }${options.link && html` <a class="fr-notice__link" href="${options.link.href}">${options.link.label}</a>`}</p>
    </div>
  </div>
</div>`;
}

/** `fr-highlight` (mise en exergue): a sentence set apart from the text around it. */
export function highlight(text: HtmlValue, accent?: AccentColor): Html {
  return html`<div class="fr-highlight${accent ? ` fr-highlight--${accent}` : ""}"><p>${text}</p></div>`;
}

export interface QuoteOptions {
  readonly text: HtmlValue;
  readonly author?: HtmlValue;
  /** The work or document quoted. */
  readonly source?: HtmlValue;
  /** Address of the source (`cite`). */
  readonly cite?: string;
}

/** `fr-quote`: a quotation with its author and source. */
export function quote(options: QuoteOptions): Html {
  return html`<figure class="fr-quote"><blockquote${options.cite ? html` cite="${options.cite}"` : ""}><p>«\u00a0${options.text}\u00a0»</p></blockquote>${
    (options.author !== undefined || options.source !== undefined) &&
    html`<figcaption>${options.author !== undefined && html`<p class="fr-quote__author">${options.author}</p>`}${
      options.source !== undefined &&
      html`<ul class="fr-quote__source"><li><cite>${options.source}</cite></li></ul>`
    }</figcaption>`
  }</figure>`;
}

export type BadgeKind = "success" | "error" | "info" | "warning" | "new";

export interface BadgeOptions {
  readonly kind?: BadgeKind;
  readonly accent?: AccentColor;
  readonly small?: boolean;
  /** Hide the kind's icon (`fr-badge--no-icon`). */
  readonly noIcon?: boolean;
}

/** `fr-badge`: a status (state of a case, of a service). */
export function badge(label: HtmlValue, options: BadgeOptions = {}): Html {
  return html`<p class="fr-badge${options.kind ? ` fr-badge--${options.kind}` : ""}${
    options.accent ? ` fr-badge--${options.accent}` : ""
  }${options.small ? " fr-badge--sm" : ""}${options.noIcon ? " fr-badge--no-icon" : ""}">${label}</p>`;
}

/** `fr-badges-group`: several badges in a list. */
export function badgesGroup(badges: readonly Html[]): Html {
  return html`<ul class="fr-badges-group">${badges.map((item) => html`<li>${item}</li>`)}</ul>`;
}

export interface TagOptions {
  /** A link tag; without it the tag is plain text. */
  readonly href?: string;
  readonly small?: boolean;
  readonly icon?: string;
}

/** `fr-tag`: a keyword, or a link to things sharing it. */
export function tag(label: HtmlValue, options: TagOptions = {}): Html {
  const classes = `fr-tag${options.small ? " fr-tag--sm" : ""}${options.icon ? ` ${options.icon} fr-tag--icon-left` : ""}`;
  return options.href
    ? html`<a class="${classes}" href="${options.href}">${label}</a>`
    : html`<p class="${classes}">${label}</p>`;
}

/** `fr-tags-group`: several tags in a list. */
export function tagsGroup(tags: readonly Html[]): Html {
  return html`<ul class="fr-tags-group">${tags.map((item) => html`<li>${item}</li>`)}</ul>`;
}
