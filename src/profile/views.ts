import { alert, errorSummary, inputField, postForm } from "../platform/dsfr/index.ts";
import { type Html, html } from "../platform/html.ts";
import type { Fund } from "../reference/index.ts";
import {
  type AddressField,
  type AddressForm,
  type BankAccount,
  type BankField,
  type BankForm,
  CONFIRMATION_HOURS,
  maskIban,
} from "./model.ts";
import type { ProfileSummary } from "./service.ts";

export const PROFILE_PATH = "/espace/profil";
export const ADDRESS_PATH = "/espace/profil/adresse";
export const BANK_PATH = "/espace/profil/banque";
const RATING_LINK = "/espace/avis?service=addressAndBank";

/** Form input names (French, as the person sees them in the address bar) of each field. */
export const ADDRESS_INPUTS: Record<AddressField, string> = {
  line: "adresse",
  postcode: "code-postal",
  town: "commune",
  country: "pays",
};
export const BANK_INPUTS: Record<BankField, string> = { holder: "titulaire", iban: "iban", bic: "bic" };

function byInput<F extends string>(
  inputs: Record<F, string>,
  errors: Partial<Record<F, string>>,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [inputs[field as F], message as string]),
  );
}

function ratingInvitation(): Html {
  return html`<p class="fr-mt-4w"><a class="fr-link" href="${RATING_LINK}">Donner mon avis sur ce service</a> (facultatif)</p>`;
}

function accountLine(account: BankAccount): Html {
  return html`${maskIban(account.iban)} — ${account.holder} (BIC ${account.bic})`;
}

export function profilePage(summary: ProfileSummary, notice?: Html): Html {
  const { owner, fund, accounts } = summary;
  const inUse = accounts.find((a) => a.status === "confirmed");
  const pending = accounts.find((a) => a.status === "pending");
  return html`<h1>Adresse et compte bancaire</h1>
${notice ?? ""}
<h2 class="fr-mt-4w">Adresse postale</h2>
<p>${owner.address.line}<br>${owner.address.postcode} ${owner.address.town}<br>${owner.address.country}</p>
<p>Caisse de retraite : ${fund?.name ?? owner.fundCode}</p>
<p><a class="fr-btn fr-btn--secondary" href="${ADDRESS_PATH}">Changer d'adresse</a></p>
<h2 class="fr-mt-4w">Compte bancaire</h2>
<p>${inUse ? html`Compte utilisé pour les paiements : ${accountLine(inUse)}` : "Aucun compte bancaire confirmé en ligne."}</p>
${pending ? html`<p>En attente de confirmation par courriel : ${accountLine(pending)}.</p>` : ""}
<p><a class="fr-btn fr-btn--secondary" href="${BANK_PATH}">Changer de compte bancaire</a></p>
${ratingInvitation()}`;
}

export function addressSavedNotice(newFund: Fund | undefined): Html {
  return alert(
    "success",
    "Votre nouvelle adresse est enregistrée",
    html`<p>Un courriel vous le confirme.${
      newFund
        ? html` Votre dossier est désormais suivi par <strong>${newFund.name}</strong>, la caisse de retraite de votre nouveau département : vous n'avez rien à faire, votre dossier lui est transmis.`
        : ""
    }</p>`,
  );
}

export function addressPage(options: {
  csrfToken: string;
  form: AddressForm;
  errors?: Partial<Record<AddressField, string>>;
}): Html {
  const errors = byInput(ADDRESS_INPUTS, options.errors ?? {});
  const { form } = options;
  return html`<h1>Changer d'adresse</h1>
<p>Tous les champs sont obligatoires. Si vous changez de département, votre dossier passe à la caisse de retraite de votre nouveau département et nous vous le disons.</p>
${errorSummary(errors)}
${postForm(
  ADDRESS_PATH,
  options.csrfToken,
  html`${inputField({ name: "adresse", label: "Numéro et voie", value: form.line, error: errors.adresse, autocomplete: "street-address", maxlength: 100 })}
${inputField({ name: "code-postal", label: "Code postal", hint: "En France : 5 chiffres, par exemple 33000", value: form.postcode, error: errors["code-postal"], autocomplete: "postal-code", maxlength: 12 })}
${inputField({ name: "commune", label: "Commune", value: form.town, error: errors.commune, autocomplete: "address-level2", maxlength: 100 })}
${inputField({ name: "pays", label: "Pays", hint: "France, ou le pays où vous habitez", value: form.country, error: errors.pays, autocomplete: "country-name", maxlength: 60 })}
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><button class="fr-btn" type="submit">Enregistrer ma nouvelle adresse</button></li>
  <li><a class="fr-btn fr-btn--tertiary" href="${PROFILE_PATH}">Annuler</a></li>
</ul>`,
)}`;
}

export function bankPage(options: {
  csrfToken: string;
  form: BankForm;
  errors?: Partial<Record<BankField, string>>;
  names: { lastName: string; birthName: string };
}): Html {
  const errors = byInput(BANK_INPUTS, options.errors ?? {});
  const { form, names } = options;
  const nameRule = `Le compte doit être à votre nom : le titulaire doit comporter votre nom (${names.lastName}${
    names.birthName !== names.lastName ? ` ou ${names.birthName}` : ""
  }). Un compte joint convient.`;
  return html`<h1>Changer de compte bancaire</h1>
<p>Recopiez les informations de votre relevé d'identité bancaire (RIB). Tous les champs sont obligatoires.</p>
<p>Nous vous envoyons ensuite un courriel avec un lien de confirmation : le nouveau compte sera utilisé pour vos paiements seulement une fois la demande confirmée.</p>
${errorSummary(errors)}
${postForm(
  BANK_PATH,
  options.csrfToken,
  html`${inputField({ name: "titulaire", label: "Titulaire du compte", hint: nameRule, value: form.holder, error: errors.titulaire, autocomplete: "name", maxlength: 70 })}
${inputField({ name: "iban", label: "IBAN", hint: "Par exemple FR76 3000 6000 0112 3456 7890 189 ; les espaces sont facultatifs", value: form.iban, error: errors.iban, maxlength: 42 })}
${inputField({ name: "bic", label: "BIC", hint: "8 ou 11 caractères, par exemple BNPAFRPPXXX", value: form.bic, error: errors.bic, maxlength: 11 })}
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><button class="fr-btn" type="submit">Demander le changement</button></li>
  <li><a class="fr-btn fr-btn--tertiary" href="${PROFILE_PATH}">Annuler</a></li>
</ul>`,
)}`;
}

export function checkYourMailPage(sentTo: string): Html {
  return html`<h1>Confirmez par courriel</h1>
${alert("info", "Votre demande est enregistrée, elle attend votre confirmation", html`<p>Nous avons envoyé un lien de confirmation à ${sentTo}. Il est valable ${CONFIRMATION_HOURS} heures et ne sert qu'une fois. D'ici là, vos paiements continuent sur votre compte actuel.</p>`)}
<p><a class="fr-link" href="${PROFILE_PATH}">Retour à l'adresse et au compte bancaire</a></p>
${ratingInvitation()}`;
}

export function noEmailPage(): Html {
  return html`<h1>Changer de compte bancaire</h1>
${alert("warning", "Aucune adresse électronique pour confirmer", html`<p>Le changement se confirme par courriel et nous ne connaissons pas votre adresse électronique. Appelez le 3960 ou envoyez votre RIB par courrier à votre caisse.</p>`)}`;
}

export function confirmPage(csrfToken: string, token: string, account: BankAccount): Html {
  return html`<h1>Confirmer le nouveau compte bancaire</h1>
<p>Nouveau compte : ${accountLine(account)}.</p>
<p>Une fois confirmé, ce compte sera utilisé pour les prochains paiements.</p>
${postForm(
  `${BANK_PATH}/confirmer`,
  csrfToken,
  html`<input type="hidden" name="jeton" value="${token}">
<button class="fr-btn" type="submit">Confirmer ce compte</button>`,
)}`;
}

export function confirmedPage(account: BankAccount): Html {
  return html`<h1>Nouveau compte bancaire confirmé</h1>
${alert("success", "Votre nouveau compte est enregistré", html`<p>${accountLine(account)} sera utilisé pour les prochains paiements. Un avis a été envoyé à l'adresse électronique que nous connaissions jusqu'ici.</p>`)}
<p><a class="fr-link" href="${PROFILE_PATH}">Retour à l'adresse et au compte bancaire</a></p>
${ratingInvitation()}`;
}

export function unusableLinkPage(): Html {
  return html`<h1>Lien de confirmation inutilisable</h1>
${alert("error", "Ce lien a expiré, a déjà servi ou ne concerne pas ce dossier", html`<p>Refaites la demande de changement de compte : un nouveau lien vous sera envoyé.</p>`)}
<p><a class="fr-btn" href="${BANK_PATH}">Refaire la demande</a></p>`;
}
