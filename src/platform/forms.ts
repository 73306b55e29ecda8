import { type Html, type HtmlValue, html } from "./html.ts";

/**
 * DSFR form fields shared by every context: each label tied to its input, the error (if any) linked to the
 * input by aria-describedby, the entered value kept.
 */

export interface FieldOptions {
  readonly name: string;
  readonly label: string;
  readonly value?: string;
  readonly error?: string | undefined;
  readonly hint?: string;
  readonly type?: "text" | "email" | "password" | "date";
  readonly autocomplete?: string;
  readonly required?: boolean;
  readonly inputmode?: "numeric" | "text";
  readonly maxlength?: number;
}

function describedBy(name: string, error: string | undefined): HtmlValue {
  return error ? html` aria-describedby="${name}-error" aria-invalid="true"` : "";
}

function errorText(name: string, error: string | undefined): HtmlValue {
  return error && html`<p id="${name}-error" class="fr-error-text">${error}</p>`;
}

function hintText(hint: string | undefined): HtmlValue {
  return hint && html`<span class="fr-hint-text">${hint}</span>`;
}

export function inputField(field: FieldOptions): Html {
  const type = field.type ?? "text";
  return html`<div class="fr-input-group${field.error ? " fr-input-group--error" : ""}">
  <label class="fr-label" for="${field.name}">${field.label}${hintText(field.hint)}</label>
  <input class="fr-input${field.error ? " fr-input--error" : ""}" type="${type}" id="${field.name}" name="${field.name}"${
    type === "password" ? "" : html` value="${field.value ?? ""}"`
  }${field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ""}${
    field.inputmode ? html` inputmode="${field.inputmode}"` : ""
  }${field.maxlength ? html` maxlength="${field.maxlength}"` : ""}${field.required ? html` required` : ""}${describedBy(
    field.name,
    field.error,
  )}>
  ${errorText(field.name, field.error)}
</div>`;
}

export interface SelectOptions {
  readonly name: string;
  readonly label: string;
  readonly value?: string;
  readonly error?: string | undefined;
  readonly hint?: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  /** Label of a first, empty choice. */
  readonly empty?: string;
}

export function selectField(field: SelectOptions): Html {
  return html`<div class="fr-select-group${field.error ? " fr-select-group--error" : ""}">
  <label class="fr-label" for="${field.name}">${field.label}${hintText(field.hint)}</label>
  <select class="fr-select${field.error ? " fr-select--error" : ""}" id="${field.name}" name="${field.name}"${describedBy(
    field.name,
    field.error,
  )}>
    ${field.empty !== undefined && html`<option value="">${field.empty}</option>`}
    ${field.options.map(
      (option) =>
        html`<option value="${option.value}"${option.value === field.value ? html` selected` : ""}>${option.label}</option>`,
    )}
  </select>
  ${errorText(field.name, field.error)}
</div>`;
}

/** A form posting to `action` with the session's CSRF token. */
export function postForm(
  action: string,
  csrfToken: string,
  body: HtmlValue,
  attributes: HtmlValue = "",
): Html {
  return html`<form method="post" action="${action}" novalidate${attributes}>
<input type="hidden" name="_csrf" value="${csrfToken}">
${body}
</form>`;
}

/** The summary at the top of a form with errors, each linking to its field (RGAA 11.10). */
export function errorSummary(problems: Readonly<Record<string, string | undefined>>): HtmlValue {
  const entries = Object.entries(problems).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (entries.length === 0) return "";
  return html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
  <h2 class="fr-alert__title">${entries.length === 1 ? "Une information est à corriger" : `${entries.length} informations sont à corriger`}</h2>
  <ul>${entries.map(([name, message]) => html`<li><a href="#${name}">${message}</a></li>`)}</ul>
</div>`;
}

export function alert(
  kind: "success" | "info" | "warning" | "error",
  title: string,
  body: HtmlValue = "",
): Html {
  return html`<div class="fr-alert fr-alert--${kind} fr-mb-3w"${kind === "error" ? html` role="alert"` : ""}>
  <h2 class="fr-alert__title">${title}</h2>
  ${body}
</div>`;
}

/** A text field of a posted form or query; anything else (absent, repeated, not text) reads as "". */
export function formField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}
