import { dataTable } from "../platform/dsfr/index.ts";
import { type Html, type HtmlValue, html } from "../platform/html.ts";
import { euros } from "../platform/pdf.ts";
import {
  ALSACE_MOSELLE_FUND,
  dayLabel,
  monthLabel,
  type PaymentWithTax,
  type PensionInPayment,
  type RangeField,
  weekdayLabel,
} from "./model.ts";
import type { AwaitingFirstPayment, PaymentsHolder, PaymentsOverview, TaxYear } from "./service.ts";

export const PAYMENTS_PATH = "/espace/paiements";
export const CERTIFICATE_PATH = "/espace/paiements/attestation.pdf";

function pensionCard(pension: PensionInPayment): Html {
  return html`<div class="fr-col-12 fr-col-md-6">
  <div class="fr-card fr-card--no-arrow"><div class="fr-card__body"><div class="fr-card__content">
    <h3 class="fr-card__title">${pension.kind === "own_right" ? "Retraite personnelle" : "Pension de réversion"}</h3>
    <dl class="fr-card__desc">
      <dt>Depuis le</dt><dd>${dayLabel(pension.startDate)}</dd>
      <dt>Montant brut mensuel à la date de départ</dt><dd>${euros(pension.monthlyGross)}</dd>
      ${pension.rate !== null ? html`<dt>Taux</dt><dd>${(pension.rate * 100).toLocaleString("fr-FR", { maximumFractionDigits: 3 })} %</dd>` : ""}
      ${
        pension.quartersGeneral !== null && pension.quartersRequired !== null
          ? html`<dt>Trimestres au régime général</dt><dd>${pension.quartersGeneral} sur ${pension.quartersRequired} requis</dd>`
          : ""
      }
    </dl>
  </div></div></div>
</div>`;
}

function lastPaymentsTable(payments: readonly PaymentWithTax[]): Html {
  if (payments.length === 0) return html`<p>Aucun paiement n'a encore été versé.</p>`;
  return dataTable(
    payments.length === 1 ? "Votre dernier paiement" : `Vos ${payments.length} derniers paiements`,
    ["Retraite du mois de", "Versée le", "Montant brut", "Prélèvements sociaux", "Montant net"],
    payments.map((p) => [
      monthLabel(p.period.slice(0, 7)),
      dayLabel(p.paidOn),
      euros(p.gross),
      euros(p.socialContributions),
      html`<strong>${euros(p.net)}</strong>`,
    ]),
    "derniers-paiements-tableau",
  );
}

function calendarSection(holder: PaymentsHolder, overview: PaymentsOverview): Html {
  const { year, days } = overview.calendar;
  const inAdvance = holder.owner.fundCode === ALSACE_MOSELLE_FUND;
  return html`<h2 id="calendrier" class="fr-mt-6w">Calendrier des paiements ${year}</h2>
<p>${
    inAdvance
      ? "Votre caisse, la Carsat Alsace-Moselle, verse la retraite au début du mois pour lequel elle est due : le 1er du mois, ou le jour ouvré suivant quand le 1er est un samedi, un dimanche ou un jour férié."
      : "L'Assurance retraite verse la retraite d'un mois le 9 du mois suivant. Quand le 9 est un samedi, un dimanche ou un jour férié, elle est versée le jour ouvré qui précède."
  } Votre banque peut mettre un à trois jours de plus pour l'inscrire sur votre compte.</p>
${dataTable(
  `Dates de versement de votre retraite en ${year}`,
  ["Retraite du mois de", "Versée par votre caisse le"],
  days.map((day) => [monthLabel(day.month), weekdayLabel(day.paidOn)]),
  "calendrier-tableau",
)}`;
}

function select(options: {
  readonly id: string;
  readonly label: string;
  readonly choices: readonly { readonly value: string; readonly label: string }[];
  readonly value: string | undefined;
  readonly error: string | undefined;
}): Html {
  const errorId = `${options.id}-erreur`;
  return html`<div class="fr-select-group${options.error ? " fr-select-group--error" : ""}">
  <label class="fr-label" for="${options.id}">${options.label}</label>
  <select class="fr-select${options.error ? " fr-select--error" : ""}" id="${options.id}" name="${options.id}"${
    options.error ? html` aria-describedby="${errorId}"` : ""
  }>${options.choices.map(
    (choice) =>
      html`<option value="${choice.value}"${choice.value === options.value ? " selected" : ""}>${choice.label}</option>`,
  )}</select>
  ${options.error ? html`<p id="${errorId}" class="fr-error-text">${options.error}</p>` : ""}
</div>`;
}

export interface CertificateForm {
  readonly values: { readonly from?: string | undefined; readonly to?: string | undefined };
  readonly errors: Partial<Record<RangeField, string>>;
}

const RANGE_IDS: Record<RangeField, string> = { from: "du", to: "au" };

function certificateSection(months: readonly string[], form: CertificateForm): Html {
  const errors = (Object.keys(RANGE_IDS) as RangeField[]).filter((field) => form.errors[field]);
  const choices = months.map((month) => ({ value: month, label: monthLabel(month) })).reverse();
  return html`<h2 id="attestation" class="fr-mt-6w">Attestation de paiement</h2>
<p>Un document PDF qui atteste des sommes que vous avez reçues, mois par mois, avec votre numéro de sécurité sociale. Choisissez la période.</p>
${
  errors.length
    ? html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
  <h3 class="fr-alert__title">${errors.length === 1 ? "Une information est à corriger" : `${errors.length} informations sont à corriger`}</h3>
  <ul>${errors.map((field) => html`<li><a href="#${RANGE_IDS[field]}">${form.errors[field]}</a></li>`)}</ul>
</div>`
    : ""
}
<form method="get" action="${CERTIFICATE_PATH}" novalidate>
  <div class="fr-grid-row fr-grid-row--gutters">
    <div class="fr-col-12 fr-col-md-4">${select({
      id: RANGE_IDS.from,
      label: "Du mois de",
      choices,
      value: form.values.from,
      error: form.errors.from,
    })}</div>
    <div class="fr-col-12 fr-col-md-4">${select({
      id: RANGE_IDS.to,
      label: "Au mois de",
      choices,
      value: form.values.to,
      error: form.errors.to,
    })}</div>
  </div>
  <button class="fr-btn fr-btn--icon-left fr-icon-download-line fr-mt-2w" type="submit">Télécharger l'attestation (PDF)</button>
</form>`;
}

/**
 * Parcours keeps the payments from `span.firstMonth` on; when the pensions started before, the first
 * year it holds lacks the earlier payments of that year, and the page says so.
 */
function historyNote(holder: PaymentsHolder, tax: TaxYear): HtmlValue {
  const started = holder.pensions.reduce(
    (earliest, pension) => (pension.startDate < earliest ? pension.startDate : earliest),
    `${holder.span.firstMonth}-01`,
  );
  if (tax.year !== holder.span.firstPaidYear || started.slice(0, 7) === holder.span.firstMonth) return "";
  return html` Parcours conserve vos paiements à partir de celui de ${monthLabel(holder.span.firstMonth)} : les paiements de ${tax.year} versés avant ne sont pas comptés ici.`;
}

function taxSection(
  holder: PaymentsHolder,
  years: readonly number[],
  tax: TaxYear,
  yearError: string | undefined,
): Html {
  const { totals, payments } = tax;
  const first = payments[0];
  const last = payments.at(-1);
  return html`<h2 id="impots" class="fr-mt-6w">Montant déclaré aux impôts</h2>
<p>Chaque année, votre caisse déclare à l'administration fiscale le montant imposable de la retraite qu'elle vous a versée : c'est celui qui figure sur votre déclaration de revenus préremplie. La retraite de décembre, versée en janvier, compte pour l'année suivante.</p>
<form method="get" action="${PAYMENTS_PATH}#impots" novalidate>
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    <div class="fr-col-12 fr-col-md-4">${select({
      id: "annee",
      label: "Année des paiements",
      choices: years.map((year) => ({ value: String(year), label: String(year) })),
      value: yearError ? undefined : String(tax.year),
      error: yearError,
    })}</div>
    <div class="fr-col-12 fr-col-md-4"><button class="fr-btn fr-btn--secondary fr-mb-3w" type="submit">Afficher le montant</button></div>
  </div>
</form>
${
  first && last
    ? html`<div class="fr-callout" id="montant-imposable">
  <h3 class="fr-callout__title">Montant imposable ${tax.year} : ${euros(totals.taxable)}</h3>
  <div class="fr-callout__text">
  <p>Calculé sur ${payments.length === 1 ? "le paiement versé" : `les ${payments.length} paiements versés`} en ${tax.year} (retraite${payments.length === 1 ? ` de ${monthLabel(first.period.slice(0, 7))}` : `s de ${monthLabel(first.period.slice(0, 7))} à ${monthLabel(last.period.slice(0, 7))}`}) : montant brut ${euros(totals.gross)}, moins la part déductible de la CSG ${euros(totals.deductibleCsg)}.${
    tax.inProgress
      ? ` L'année ${tax.year} n'est pas terminée : ce montant augmentera avec les prochains paiements.`
      : ""
  }${historyNote(holder, tax)}</p>
  </div>
  <a class="fr-btn fr-btn--tertiary fr-btn--icon-left fr-icon-download-line" href="${CERTIFICATE_PATH}?du=${first.period.slice(0, 7)}&amp;au=${last.period.slice(0, 7)}">Télécharger l'attestation de ces paiements (PDF)</a>
</div>`
    : html`<p>Aucun paiement ne vous a été versé en ${tax.year}.</p>`
}
<p class="fr-text--sm">Le montant imposable est le montant brut diminué de la part déductible de la CSG : 3,8 %, 4,2 % ou 5,9 % du brut selon que votre CSG est au taux réduit (3,8 %), médian (6,6 %) ou normal (8,3 %) (article 154 quinquies du code général des impôts). La CRDS et la CASA ne sont pas déductibles. Vos paiements n'indiquent que le total de vos prélèvements sociaux : le taux de CSG de chaque paiement est retrouvé à partir de ce total, rapporté au montant brut.</p>`;
}

export interface PaymentsPageOptions {
  readonly holder: PaymentsHolder;
  readonly overview: PaymentsOverview;
  readonly months: readonly string[];
  readonly years: readonly number[];
  readonly certificate: CertificateForm;
  readonly yearError: string | undefined;
  readonly actingFor: boolean;
}

/** /espace/paiements: pensions, last three payments, this year's calendar, certificate, tax amount. */
export function paymentsPage(options: PaymentsPageOptions): Html {
  const { holder, overview } = options;
  return html`<h1>${options.actingFor ? `Paiements de ${holder.ownerName}` : "Mes paiements"}</h1>
<p class="fr-text--lead">Vos retraites, vos derniers paiements, le calendrier des versements, votre attestation de paiement et le montant déclaré aux impôts.</p>
<h2 id="retraites">${holder.pensions.length === 1 ? "Votre retraite" : "Vos retraites"}</h2>
<div class="fr-grid-row fr-grid-row--gutters">${holder.pensions.map(pensionCard)}</div>
<h2 id="derniers-paiements" class="fr-mt-6w">Vos derniers paiements</h2>
<p>Les prélèvements sociaux sont la CSG, la CRDS et la CASA. Leur taux dépend du revenu fiscal de référence de votre foyer.</p>
${lastPaymentsTable(overview.lastPayments)}
${calendarSection(holder, overview)}
${certificateSection(options.months, options.certificate)}
${taxSection(holder, options.years, overview.taxYear, options.yearError)}
<div class="fr-mt-6w">
  <p><a class="fr-link fr-icon-chat-3-line fr-link--icon-left" href="/espace/avis?service=payments">Donner mon avis sur ce service</a></p>
  <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">Retour à mon espace</a></p>
</div>`;
}

/** A pension just granted: what was granted, the day of the first payment, how the calendar works. */
export function awaitingFirstPaymentPage(holder: AwaitingFirstPayment, actingFor: boolean): Html {
  const inAdvance = holder.owner.fundCode === ALSACE_MOSELLE_FUND;
  return html`<h1>${actingFor ? `Paiements de ${holder.ownerName}` : "Mes paiements"}</h1>
<div class="fr-alert fr-alert--success fr-mb-4w" id="premier-paiement">
  <h2 class="fr-alert__title">Premier paiement le ${weekdayLabel(holder.firstPaymentOn)}</h2>
  <p>${holder.pensions.length === 1 ? "La retraite accordée est en paiement" : "Les retraites accordées sont en paiement"}. Le premier versement est fait à la banque le ${dayLabel(holder.firstPaymentOn)} ; s'il arrive après le mois de départ, il comprend aussi les mois déjà dus. Votre banque peut mettre un à trois jours de plus pour l'inscrire sur votre compte.</p>
</div>
<h2 id="retraites">${holder.pensions.length === 1 ? "Votre retraite" : "Vos retraites"}</h2>
<div class="fr-grid-row fr-grid-row--gutters">${holder.pensions.map(pensionCard)}</div>
<p class="fr-mt-4w">${
    inAdvance
      ? "Ensuite, votre caisse, la Carsat Alsace-Moselle, verse la retraite le 1er du mois pour lequel elle est due, ou le jour ouvré suivant."
      : "Ensuite, l'Assurance retraite verse la retraite d'un mois le 9 du mois suivant, ou le jour ouvré qui précède quand le 9 est un samedi, un dimanche ou un jour férié."
  } L'attestation de paiement et le montant déclaré aux impôts seront disponibles ici après le premier paiement.</p>
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">Retour à mon espace</a></p>`;
}

/** The answer to a person who receives no pension: what the service is for and where to go. */
export function noPensionPage(actingFor: boolean): Html {
  return html`<h1>Paiements de retraite</h1>
<div class="fr-alert fr-alert--info fr-mb-4w">
  <h2 class="fr-alert__title">${actingFor ? "Cette personne ne perçoit pas de retraite" : "Vous ne percevez pas de retraite"} de l'Assurance retraite</h2>
  <p>Ce service montre les paiements des personnes à la retraite : calendrier, derniers paiements, attestation de paiement et montant déclaré aux impôts. Il sera disponible dans l'espace après le premier paiement de la retraite.</p>
</div>
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">Retour à mon espace</a></p>`;
}
