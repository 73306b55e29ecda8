import { type Html, type HtmlValue, html } from "../html.ts";
import { type HeadingLevel, heading } from "./heading.ts";

/*
 * DSFR 1.14 form controls. Every control follows the same wiring: its label's `for` is its id, its hint sits
 * in the label (or legend), and a `fr-messages-group` (`<id>-messages`, announced politely) follows it, which
 * the control's `aria-describedby` (or the fieldset's `aria-labelledby`) names; an error is a
 * `fr-message--error` paragraph (`<id>-error`) in that group, the group gets its `--error` state and the
 * control `aria-invalid`. Values given back are kept (never for passwords).
 */

/** What every single control takes. `name` is also its id unless `id` is given. */
export interface ControlOptions {
  readonly name: string;
  readonly id?: string;
  readonly label: HtmlValue;
  readonly hint?: HtmlValue;
  /** The French message saying what to correct; absent or empty when the value is fine. */
  readonly error?: string | undefined;
  readonly required?: boolean;
  readonly disabled?: boolean;
}

/** The messages group of a control or fieldset `id`: empty, or the error. */
export function messagesGroup(id: string, error: string | undefined): Html {
  return html`<div class="fr-messages-group" id="${id}-messages" aria-live="polite">${
    error && html`<p class="fr-message fr-message--error" id="${id}-error">${error}</p>`
  }</div>`;
}

function hintText(hint: HtmlValue): HtmlValue {
  return hint !== undefined && hint !== "" && html`<span class="fr-hint-text">${hint}</span>`;
}

function labelFor(id: string, label: HtmlValue, hint: HtmlValue, extraClass = ""): Html {
  return html`<label class="fr-label${extraClass}" for="${id}">${label}${hintText(hint)}</label>`;
}

/** The attributes every control starts with: id and name. */
function identity(id: string, control: ControlOptions): Html {
  return html` id="${id}" name="${control.name}"`;
}

/** The attributes every control ends with: required and disabled states, description, error state. */
function states(id: string, control: ControlOptions): Html {
  return html`${control.required ? html` required` : ""}${control.disabled ? html` disabled` : ""} aria-describedby="${id}-messages"${
    control.error ? html` aria-invalid="true"` : ""
  }`;
}

function groupClass(base: string, error: string | undefined, disabled: boolean | undefined): string {
  return `${base}${error ? ` ${base}--error` : ""}${disabled ? ` ${base}--disabled` : ""}`;
}

export type InputType = "text" | "email" | "password" | "number" | "date" | "tel" | "search" | "url";
export type InputMode = "text" | "numeric" | "decimal" | "email" | "tel" | "search" | "url";

export interface InputOptions extends ControlOptions {
  readonly type?: InputType;
  readonly value?: string | number | undefined;
  readonly autocomplete?: string;
  readonly inputmode?: InputMode;
  readonly maxlength?: number;
  /** A regular expression the browser checks (also a hint to mobile keyboards). */
  readonly pattern?: string;
  readonly placeholder?: string;
  readonly min?: string | number;
  readonly max?: string | number;
  readonly step?: string | number;
  /** Turns spelling correction off, e.g. for identifiers and codes. */
  readonly spellcheck?: false;
}

function inputAttributes(input: InputOptions): Html {
  return html`${input.autocomplete ? html` autocomplete="${input.autocomplete}"` : ""}${
    input.inputmode ? html` inputmode="${input.inputmode}"` : ""
  }${input.maxlength ? html` maxlength="${input.maxlength}"` : ""}${input.pattern ? html` pattern="${input.pattern}"` : ""}${
    input.placeholder ? html` placeholder="${input.placeholder}"` : ""
  }${input.min !== undefined ? html` min="${input.min}"` : ""}${input.max !== undefined ? html` max="${input.max}"` : ""}${
    input.step !== undefined ? html` step="${input.step}"` : ""
  }${input.spellcheck === false ? html` spellcheck="false"` : ""}`;
}

/** `fr-input-group`: label, hint, input, messages. A password's value is never sent back. */
export function inputField(input: InputOptions): Html {
  const id = input.id ?? input.name;
  const type = input.type ?? "text";
  return html`<div class="${groupClass("fr-input-group", input.error, input.disabled)}">
  ${labelFor(id, input.label, input.hint)}
  <input class="fr-input${input.error ? " fr-input--error" : ""}" type="${type}"${identity(id, input)}${
    type === "password" ? "" : html` value="${input.value ?? ""}"`
  }${inputAttributes(input)}${states(id, input)}>
  ${messagesGroup(id, input.error)}
</div>`;
}

export interface PasswordOptions extends ControlOptions {
  readonly autocomplete: "current-password" | "new-password";
}

/** `fr-password`: a password input with DSFR's "Afficher" checkbox (works without JavaScript as a plain input). */
export function passwordField(password: PasswordOptions): Html {
  const id = password.id ?? password.name;
  return html`<div class="fr-password${password.error ? " fr-password--error" : ""}" id="${id}-groupe">
  ${labelFor(id, password.label, password.hint, " fr-password__label")}
  <div class="fr-input-wrap">
    <input class="fr-password__input fr-input${password.error ? " fr-input--error" : ""}" type="password" autocapitalize="off" autocorrect="off" autocomplete="${password.autocomplete}"${identity(id, password)}${
      password.required ? html` aria-required="true"` : ""
    }${states(id, password)}>
  </div>
  ${messagesGroup(id, password.error)}
  <div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
    <input aria-label="Afficher le mot de passe" id="${id}-afficher" type="checkbox">
    <label class="fr-password__checkbox fr-label" for="${id}-afficher">Afficher</label>
  </div>
</div>`;
}

export interface TextareaOptions extends ControlOptions {
  readonly value?: string | undefined;
  readonly rows?: number;
  readonly maxlength?: number;
}

/** A `textarea.fr-input` in an `fr-input-group`. */
export function textareaField(textarea: TextareaOptions): Html {
  const id = textarea.id ?? textarea.name;
  return html`<div class="${groupClass("fr-input-group", textarea.error, textarea.disabled)}">
  ${labelFor(id, textarea.label, textarea.hint)}
  <textarea class="fr-input${textarea.error ? " fr-input--error" : ""}"${identity(id, textarea)}${
    textarea.rows ? html` rows="${textarea.rows}"` : ""
  }${textarea.maxlength ? html` maxlength="${textarea.maxlength}"` : ""}${states(id, textarea)}>${textarea.value ?? ""}</textarea>
  ${messagesGroup(id, textarea.error)}
</div>`;
}

export interface Choice {
  readonly value: string;
  readonly label: HtmlValue;
  readonly hint?: HtmlValue;
  readonly disabled?: boolean;
}

export interface SelectOptions extends ControlOptions {
  readonly options: readonly Choice[];
  readonly value?: string | undefined;
  /** Label of a first, empty choice (e.g. "Tous" in a filter, "Sélectionner une option"). */
  readonly empty?: string;
}

/** `fr-select-group`: label, hint, select, messages. */
export function selectField(select: SelectOptions): Html {
  const id = select.id ?? select.name;
  return html`<div class="${groupClass("fr-select-group", select.error, select.disabled)}">
  ${labelFor(id, select.label, select.hint)}
  <select class="fr-select${select.error ? " fr-select--error" : ""}"${identity(id, select)}${states(id, select)}>
    ${select.empty !== undefined && html`<option value="">${select.empty}</option>`}
    ${select.options.map(
      (option) =>
        html`<option value="${option.value}"${option.value === select.value ? html` selected` : ""}${
          option.disabled ? html` disabled` : ""
        }>${option.label}</option>`,
    )}
  </select>
  ${messagesGroup(id, select.error)}
</div>`;
}

export interface FieldsetOptions {
  /** The fieldset's id: its legend is `<id>-legend`, its messages `<id>-messages`. */
  readonly id: string;
  readonly legend: HtmlValue;
  readonly hint?: HtmlValue;
  readonly error?: string | undefined;
  /** The fieldset's elements, each already wrapped by `fieldsetElement` (or a control). */
  readonly body: HtmlValue;
  /** Legend in regular weight (DSFR's choice for groups of choices); bold otherwise. */
  readonly regularLegend?: boolean;
  /** Extra classes for the legend (e.g. a heading size `fr-h6`). */
  readonly legendClass?: string;
}

/**
 * `fr-fieldset`: legend (with hint), elements, messages. `aria-labelledby` names the legend and the
 * messages, so the error is read with the group's name; `role="group"` on error as DSFR does.
 */
export function fieldset(options: FieldsetOptions): Html {
  const legendClasses = `${options.regularLegend === false ? "" : "fr-fieldset__legend--regular "}fr-fieldset__legend${
    options.legendClass ? ` ${options.legendClass}` : ""
  }`;
  return html`<fieldset class="fr-fieldset${options.error ? " fr-fieldset--error" : ""}" id="${options.id}"${
    options.error ? html` role="group"` : ""
  } aria-labelledby="${options.id}-legend ${options.id}-messages">
  <legend class="${legendClasses}" id="${options.id}-legend">${options.legend}${hintText(options.hint)}</legend>
  ${options.body}
  ${messagesGroup(options.id, options.error)}
</fieldset>`;
}

export type FieldsetElementWidth = "inline" | "number" | "year" | "postal";

/** One `fr-fieldset__element`; `inline` lays elements side by side, the others size short inputs. */
export function fieldsetElement(content: HtmlValue, width?: FieldsetElementWidth): Html {
  const extra =
    width === undefined
      ? ""
      : width === "inline"
        ? " fr-fieldset__element--inline"
        : width === "year"
          ? " fr-fieldset__element--inline fr-fieldset__element--inline-grow fr-fieldset__element--year"
          : ` fr-fieldset__element--inline fr-fieldset__element--${width}`;
  return html`<div class="fr-fieldset__element${extra}">${content}</div>`;
}

export interface RadioGroupOptions {
  /** The radios' name; also the fieldset's id unless `id` is given (radios are `<id>-1`, `<id>-2`…). */
  readonly name: string;
  readonly id?: string;
  readonly legend: HtmlValue;
  readonly hint?: HtmlValue;
  readonly error?: string | undefined;
  readonly options: readonly Choice[];
  readonly value?: string | undefined;
  readonly inline?: boolean;
  readonly small?: boolean;
  readonly required?: boolean;
  readonly legendClass?: string;
}

/** Radio buttons in a `fr-fieldset`, one `fr-radio-group` per choice. */
export function radioGroup(group: RadioGroupOptions): Html {
  const id = group.id ?? group.name;
  const groupClasses = group.small ? "fr-radio-group fr-radio-group--sm" : "fr-radio-group";
  return fieldset({
    id,
    legend: group.legend,
    hint: group.hint,
    error: group.error,
    legendClass: group.legendClass,
    body: group.options.map((option, index) =>
      fieldsetElement(
        html`<div class="${groupClasses}">
    <input type="radio" id="${id}-${index + 1}" name="${group.name}" value="${option.value}"${
      option.value === group.value ? html` checked` : ""
    }${group.required ? html` required` : ""}${option.disabled ? html` disabled` : ""}>
    ${labelFor(`${id}-${index + 1}`, option.label, option.hint)}
  </div>`,
        group.inline ? "inline" : undefined,
      ),
    ),
  });
}

export interface SegmentedOptions {
  readonly name: string;
  readonly id?: string;
  readonly legend: HtmlValue;
  readonly options: readonly Choice[];
  readonly value?: string | undefined;
  readonly small?: boolean;
  /** Hide the legend visually (it stays for screen readers). */
  readonly legendHidden?: boolean;
}

/** `fr-segmented`: a short exclusive choice shown as a segmented control (e.g. a view switch). */
export function segmented(control: SegmentedOptions): Html {
  const id = control.id ?? control.name;
  return html`<fieldset class="fr-segmented${control.small ? " fr-segmented--sm" : ""}${
    control.legendHidden ? " fr-segmented--no-legend" : ""
  }" id="${id}">
  <legend class="fr-segmented__legend">${control.legend}</legend>
  <div class="fr-segmented__elements">${control.options.map(
    (option, index) => html`<div class="fr-segmented__element">
    <input type="radio" id="${id}-${index + 1}" name="${control.name}" value="${option.value}"${
      option.value === control.value ? html` checked` : ""
    }>
    ${labelFor(`${id}-${index + 1}`, option.label, undefined)}
  </div>`,
  )}</div>
</fieldset>`;
}

export interface CheckboxOptions extends ControlOptions {
  readonly checked?: boolean;
  /** Sent when checked; browsers send "on" when absent. */
  readonly value?: string;
  readonly small?: boolean;
}

/** A single `fr-checkbox-group` (e.g. "I certify…"), with its own messages. */
export function checkbox(box: CheckboxOptions): Html {
  const id = box.id ?? box.name;
  return html`<div class="${groupClass("fr-checkbox-group", box.error, box.disabled)}${box.small ? " fr-checkbox-group--sm" : ""}">
  <input type="checkbox"${identity(id, box)}${box.value !== undefined ? html` value="${box.value}"` : ""}${
    box.checked ? html` checked` : ""
  }${states(id, box)}>
  ${labelFor(id, box.label, box.hint)}
  ${messagesGroup(id, box.error)}
</div>`;
}

export interface CheckboxGroupOptions {
  /** The boxes' shared name; also the fieldset's id unless `id` is given (boxes are `<id>-1`, `<id>-2`…). */
  readonly name: string;
  readonly id?: string;
  readonly legend: HtmlValue;
  readonly hint?: HtmlValue;
  readonly error?: string | undefined;
  readonly options: readonly Choice[];
  /** The values checked. */
  readonly values?: readonly string[];
  readonly inline?: boolean;
  readonly small?: boolean;
  readonly legendClass?: string;
}

/** Several checkboxes sharing a name, in a `fr-fieldset`. */
export function checkboxGroup(group: CheckboxGroupOptions): Html {
  const id = group.id ?? group.name;
  const checked = group.values ?? [];
  return fieldset({
    id,
    legend: group.legend,
    hint: group.hint,
    error: group.error,
    legendClass: group.legendClass,
    body: group.options.map((option, index) =>
      fieldsetElement(
        checkbox({
          name: group.name,
          id: `${id}-${index + 1}`,
          label: option.label,
          hint: option.hint,
          value: option.value,
          checked: checked.includes(option.value),
          disabled: option.disabled,
          small: group.small,
        }),
        group.inline ? "inline" : undefined,
      ),
    ),
  });
}

export interface DateFieldsOptions {
  /** The fieldset's id; the inputs are `<id>-jour`, `<id>-mois`, `<id>-annee`. */
  readonly id: string;
  readonly legend: HtmlValue;
  readonly hint?: HtmlValue;
  readonly error?: string | undefined;
  /** The three inputs' names. */
  readonly names: { readonly day: string; readonly month: string; readonly year: string };
  readonly value?: { readonly day?: string; readonly month?: string; readonly year?: string };
  /** "bday" for a birth date: the browser then fills it in. */
  readonly autocomplete?: "bday";
}

/** DSFR's date pattern: a fieldset of three short inputs (day, month, year) with one messages group. */
export function dateFields(date: DateFieldsOptions): Html {
  const part = (
    key: "day" | "month" | "year",
    suffix: string,
    label: string,
    example: string,
    maxlength: number,
  ) =>
    fieldsetElement(
      html`<div class="fr-input-group${date.error ? " fr-input-group--error" : ""}">
    ${labelFor(`${date.id}-${suffix}`, label, `Exemple : ${example}`)}
    <input class="fr-input${date.error ? " fr-input--error" : ""}" type="text" inputmode="numeric" id="${date.id}-${suffix}" name="${
      date.names[key]
    }" value="${date.value?.[key] ?? ""}" maxlength="${maxlength}"${
      date.autocomplete ? html` autocomplete="${date.autocomplete}-${key}"` : ""
    }${date.error ? html` aria-invalid="true"` : ""} aria-describedby="${date.id}-messages">
  </div>`,
      key === "year" ? "year" : "number",
    );
  return fieldset({
    id: date.id,
    legend: date.legend,
    hint: date.hint,
    error: date.error,
    body: [
      part("day", "jour", "Jour", "14", 2),
      part("month", "mois", "Mois", "12", 2),
      part("year", "annee", "Année", "1984", 4),
    ],
  });
}

export interface UploadOptions extends ControlOptions {
  /** MIME types or extensions offered by the file picker, e.g. "application/pdf,image/jpeg,image/png". */
  readonly accept?: string;
  readonly multiple?: boolean;
}

/** `fr-upload-group`: label with the formats and size in its hint, file input, messages. */
export function uploadField(upload: UploadOptions): Html {
  const id = upload.id ?? upload.name;
  return html`<div class="${groupClass("fr-upload-group", upload.error, upload.disabled)}">
  ${labelFor(id, upload.label, upload.hint)}
  <input class="fr-upload" type="file"${identity(id, upload)}${
    upload.accept ? html` accept="${upload.accept}"` : ""
  }${upload.multiple ? html` multiple` : ""}${states(id, upload)}>
  ${messagesGroup(id, upload.error)}
</div>`;
}

/**
 * A form posting to `action` with the session's CSRF token; `attributes` adds e.g.
 * html` enctype="multipart/form-data"`. `novalidate`: the server's French messages, shown with
 * the fields, are the ones people read (the browser's would differ by browser and language).
 */
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

/**
 * The summary at the top of a form with errors, each linking to its field (RGAA 11.10): keys are the
 * fields' ids (a fieldset's id for a group), values the messages, absent or empty when fine.
 */
export function errorSummary(
  problems: Readonly<Record<string, string | undefined>>,
  headingLevel: HeadingLevel = 2,
): HtmlValue {
  const entries = Object.entries(problems).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (entries.length === 0) return "";
  const title =
    entries.length === 1
      ? "Une information est à corriger"
      : `${entries.length} informations sont à corriger`;
  return html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
  ${heading(headingLevel, "fr-alert__title", title)}
  <ul>${entries.map(([name, message]) => html`<li><a href="#${name}">${message}</a></li>`)}</ul>
</div>`;
}

/** A text field of a posted form or query; anything else (absent, repeated, not text) reads as "". */
export function formField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}
