import { type Html, type HtmlValue, html } from "../html.ts";
import { postForm } from "./form.ts";
import { type HeadingLevel, heading } from "./heading.ts";

/* DSFR 1.14 buttons, button groups, and the confirmation that needs no modal window. */

export type ButtonPriority = "primary" | "secondary" | "tertiary" | "tertiary-no-outline";
export type ButtonSize = "sm" | "md" | "lg";

export interface ButtonLook {
  readonly priority?: ButtonPriority;
  readonly size?: ButtonSize;
  /** A DSFR icon class, e.g. "fr-icon-download-line". */
  readonly icon?: string;
  /** Icon beside the label (default left); "only" shows the icon alone, the label becoming its title. */
  readonly iconPosition?: "left" | "right" | "only";
  /** Extra utility classes (spacing). */
  readonly className?: string;
}

export interface ButtonOptions extends ButtonLook {
  readonly type?: "submit" | "button" | "reset";
  readonly name?: string;
  readonly value?: string;
  readonly id?: string;
  readonly disabled?: boolean;
  /** The form the button submits when it sits outside it. */
  readonly form?: string;
}

/** The classes of a button's look; precomputed strings, no allocation beyond the concatenation. */
function buttonClasses(look: ButtonLook): string {
  const priority = look.priority && look.priority !== "primary" ? ` fr-btn--${look.priority}` : "";
  const size = look.size && look.size !== "md" ? ` fr-btn--${look.size}` : "";
  const icon = look.icon
    ? look.iconPosition === "only"
      ? ` ${look.icon}`
      : ` ${look.icon} fr-btn--icon-${look.iconPosition ?? "left"}`
    : "";
  return `fr-btn${priority}${size}${icon}${look.className ? ` ${look.className}` : ""}`;
}

/** `fr-btn` as a `<button>` (submit by default). */
export function button(label: HtmlValue, options: ButtonOptions = {}): Html {
  const iconOnly = options.iconPosition === "only";
  return html`<button class="${buttonClasses(options)}" type="${options.type ?? "submit"}"${
    options.name ? html` name="${options.name}"` : ""
  }${options.value !== undefined ? html` value="${options.value}"` : ""}${options.id ? html` id="${options.id}"` : ""}${
    options.form ? html` form="${options.form}"` : ""
  }${options.disabled ? html` disabled` : ""}${iconOnly ? html` title="${label}"` : ""}>${label}</button>`;
}

export interface ButtonLinkOptions extends ButtonLook {
  readonly href: string;
  readonly id?: string;
  /** Opens in a new window: the title says so (RGAA 13.2). */
  readonly newWindow?: boolean;
}

/** `fr-btn` as a link: navigation that looks like an action (e.g. "Commencer"). */
export function buttonLink(label: HtmlValue, options: ButtonLinkOptions): Html {
  return html`<a class="${buttonClasses(options)}" href="${options.href}"${options.id ? html` id="${options.id}"` : ""}${
    options.newWindow ? html` target="_blank" rel="noopener" title="${label} - nouvelle fenêtre"` : ""
  }${!options.newWindow && options.iconPosition === "only" ? html` title="${label}"` : ""}>${label}</a>`;
}

export interface ButtonsGroupOptions {
  /** Side by side from the given breakpoint (always, or from sm/md/lg); stacked below it. */
  readonly inline?: "always" | "sm" | "md" | "lg";
  readonly size?: ButtonSize;
  readonly align?: "left" | "center" | "right";
  /** Icons of the group's buttons on the left. */
  readonly iconLeft?: boolean;
  readonly className?: string;
}

/** `fr-btns-group`: the buttons of a form or a page, in a list. */
export function buttonsGroup(buttons: readonly HtmlValue[], options: ButtonsGroupOptions = {}): Html {
  const inline = options.inline
    ? options.inline === "always"
      ? " fr-btns-group--inline"
      : ` fr-btns-group--inline-${options.inline}`
    : "";
  const classes = `fr-btns-group${inline}${options.size && options.size !== "md" ? ` fr-btns-group--${options.size}` : ""}${
    options.align && options.align !== "left" ? ` fr-btns-group--${options.align}` : ""
  }${options.iconLeft ? " fr-btns-group--icon-left" : ""}${options.className ? ` ${options.className}` : ""}`;
  return html`<ul class="${classes}">${buttons.map((item) => item !== "" && item !== false && item !== null && item !== undefined && html`<li>${item}</li>`)}</ul>`;
}

export interface ConfirmationOptions {
  readonly title: HtmlValue;
  readonly headingLevel?: HeadingLevel;
  /** What will happen, in a sentence or two (and what cannot be undone). */
  readonly body: HtmlValue;
  /** Where the confirmation posts. */
  readonly action: string;
  readonly csrfToken: string;
  /** Hidden fields carried by the confirmation (e.g. the thing confirmed). */
  readonly hidden?: Readonly<Record<string, string>>;
  readonly confirmLabel: string;
  /** Where "cancel" leads back (a link: cancelling changes nothing, so it needs no form). */
  readonly cancelHref: string;
  readonly cancelLabel?: string;
  readonly id?: string;
}

/**
 * A confirmation without a modal window: a section asking the question, a primary button posting the
 * confirmation and a secondary link going back. Works without JavaScript and keeps the focus order
 * obvious, which a modal would not.
 */
export function confirmation(options: ConfirmationOptions): Html {
  const id = options.id ?? "confirmation";
  const hidden = options.hidden ?? {};
  return html`<section class="fr-mb-4w" id="${id}" aria-labelledby="${id}-titre">
  ${heading(options.headingLevel ?? 2, "fr-h4", options.title, `${id}-titre`)}
  ${options.body}
  ${postForm(
    options.action,
    options.csrfToken,
    html`${Object.keys(hidden).map((name) => html`<input type="hidden" name="${name}" value="${hidden[name]}">`)}
  ${buttonsGroup(
    [
      button(options.confirmLabel),
      buttonLink(options.cancelLabel ?? "Annuler", { href: options.cancelHref, priority: "secondary" }),
    ],
    { inline: "md" },
  )}`,
  )}
</section>`;
}

/**
 * The FranceConnect button (`fr-connect`), posting to `action` with the CSRF token, and the link that
 * explains FranceConnect, as the State's guidelines require.
 */
export function franceConnectButton(action: string, csrfToken: string): Html {
  return postForm(
    action,
    csrfToken,
    html`<div class="fr-connect-group">
<button class="fr-connect" type="submit"><span class="fr-connect__login">S’identifier avec</span> <span class="fr-connect__brand">FranceConnect</span></button>
<p><a href="https://franceconnect.gouv.fr/" target="_blank" rel="noopener" title="Qu’est-ce que FranceConnect ? - nouvelle fenêtre">Qu’est-ce que FranceConnect ?</a></p>
</div>`,
  );
}
