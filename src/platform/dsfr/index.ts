/**
 * The DSFR (Système de design de l'État, version 1.14) components of Parcours: the one import point for
 * every page. **No page writes DSFR markup by hand**: a page composes these functions, each of which takes
 * a typed options object and returns `Html` whose markup follows DSFR 1.14's own examples
 * (`node_modules/@gouvfr/dsfr/example/component/<name>/`). Text is escaped by `html`; pass `Html` only
 * for markup another component made. If a page needs a DSFR piece missing here, add it here (with its
 * test and a state on `/dev/composants`), not in the page.
 *
 * Which component for what:
 * - Page: `page` (shell: skip links, header, main, footer), `breadcrumb`, `pagination`, `summary`
 *   (sommaire of a long page), `notice` (a band of temporary information).
 * - Telling something: `alert` (the result of an action, a state: info/success/warning/error, small, with
 *   or without title), `callout` (what not to miss on a page), `highlight` (a sentence set apart),
 *   `quote`, `badge`/`badgesGroup` (a status), `tag`/`tagsGroup` (a keyword).
 * - Forms: `postForm` (POST with the CSRF token), `errorSummary` (at the top, links to each field),
 *   `inputField` (text, e-mail, number, date…), `passwordField`, `textareaField`, `selectField`,
 *   `radioGroup`, `segmented`, `checkbox` (one), `checkboxGroup`, `dateFields` (day/month/year),
 *   `uploadField`, `fieldset`/`fieldsetElement` (to group other controls), `formField` (reads a posted
 *   text field). Every control's error goes to its `error` option: it shows in the DSFR messages group
 *   the control's `aria-describedby` names, with the error states.
 * - Actions: `button`, `buttonLink` (a link that looks like a button), `buttonsGroup`, `confirmation`
 *   (asks to confirm on the page itself, no modal), `franceConnectButton`.
 * - Content: `link` (with icon), `downloadLink` (format and size), `stepper`, `table`, `card`, `tile`,
 *   `cardGrid`, `accordion`/`accordionsGroup`, `contentMedia` (a figure and its caption), `heading`.
 */

export {
  type ButtonLinkOptions,
  type ButtonOptions,
  type ButtonPriority,
  type ButtonSize,
  type ButtonsGroupOptions,
  button,
  buttonLink,
  buttonsGroup,
  type ConfirmationOptions,
  confirmation,
  franceConnectButton,
} from "./buttons.ts";
export {
  type AccordionOptions,
  accordion,
  accordionsGroup,
  type CardOptions,
  card,
  cardGrid,
  contentMedia,
  type DownloadLinkOptions,
  dataTable,
  downloadLink,
  type LinkOptions,
  link,
  type StepperOptions,
  type SummaryEntry,
  stepper,
  summary,
  type TableOptions,
  type TileOptions,
  table,
  tile,
} from "./content.ts";
export {
  type CheckboxGroupOptions,
  type CheckboxOptions,
  type Choice,
  type ControlOptions,
  checkbox,
  checkboxGroup,
  type DateFieldsOptions,
  dateFields,
  errorSummary,
  type FieldsetElementWidth,
  type FieldsetOptions,
  fieldset,
  fieldsetElement,
  formField,
  type InputMode,
  type InputOptions,
  type InputType,
  inputField,
  messagesGroup,
  type PasswordOptions,
  passwordField,
  postForm,
  type RadioGroupOptions,
  radioGroup,
  type SegmentedOptions,
  type SelectOptions,
  segmented,
  selectField,
  type TextareaOptions,
  textareaField,
  type UploadOptions,
  uploadField,
} from "./form.ts";
export { type HeadingLevel, heading } from "./heading.ts";
export {
  type BreadcrumbOptions,
  breadcrumb,
  FOOTER_LEGAL_LINKS,
  FOOTER_STATE_LINKS,
  type NavigationLink,
  type PageOptions,
  type PaginationOptions,
  page,
  pagination,
  SERVICE_NAME,
  SERVICE_TAGLINE,
} from "./layout.ts";
export {
  type AccentColor,
  type AlertKind,
  type AlertOptions,
  alert,
  type BadgeKind,
  type BadgeOptions,
  badge,
  badgesGroup,
  type CalloutOptions,
  callout,
  highlight,
  type NoticeOptions,
  notice,
  type QuoteOptions,
  quote,
  type TagOptions,
  tag,
  tagsGroup,
} from "./messages.ts";
