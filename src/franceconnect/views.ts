import { INSURED_LOGIN_PATH } from "../access/guard.ts";
import { CONTACT } from "../platform/format.ts";
import { type Html, html } from "../platform/html.ts";
import { FRANCE_COUNTRY_CODE, type PivotIdentity } from "./model.ts";

export const LOGIN_PATH = "/franceconnect/connexion";
export const LOGOUT_PATH = "/franceconnect/deconnexion";
/** The identity context's sign-up page (NIR, birth date, e-mail). */
const SIGN_UP_PATH = "/inscription";

const HELP_LINE = html`Un conseiller vous répond au <strong>${CONTACT.phone}</strong> ${CONTACT.hours} (${CONTACT.price} ; depuis l'étranger, une box ou un mobile : ${CONTACT.phoneFromAbroad}).`;

/** The DSFR FranceConnect button, in its own form (the login page places it; JavaScript not needed). */
export function franceConnectButton(csrfToken: string): Html {
  return html`<form method="post" action="${LOGIN_PATH}">
<input type="hidden" name="_csrf" value="${csrfToken}">
<div class="fr-connect-group">
<button class="fr-connect" type="submit"><span class="fr-connect__login">S’identifier avec</span> <span class="fr-connect__brand">FranceConnect</span></button>
<p><a href="https://franceconnect.gouv.fr/" target="_blank" rel="noopener" title="Qu’est-ce que FranceConnect ? - nouvelle fenêtre">Qu’est-ce que FranceConnect ?</a></p>
</div>
</form>`;
}

/** The FranceConnect way in, as the insured login page offers it above the e-mail form. */
export function loginOption(csrfToken: string): Html {
  return html`<h2 class="fr-h4">Avec FranceConnect</h2>
<p>FranceConnect vous permet de vous connecter avec un compte que vous avez déjà (impots.gouv.fr, ameli.fr, l’Identité Numérique La Poste…).</p>
${franceConnectButton(csrfToken)}
<p class="fr-hr-or">ou</p>`;
}

export function loginPage(csrfToken: string): Html {
  return html`<h1>Se connecter avec FranceConnect</h1>
<p class="fr-text--lead">FranceConnect est la solution proposée par l’État pour sécuriser et simplifier la connexion à vos services en ligne.</p>
<p>Utilisez un compte que vous avez déjà (impots.gouv.fr, ameli.fr, l’Identité Numérique La Poste…). Nous retrouvons ensuite votre dossier retraite grâce à votre identité : nom de naissance, prénoms, sexe, date et lieu de naissance.</p>
${franceConnectButton(csrfToken)}
<p>Vous préférez votre numéro de sécurité sociale et un mot de passe ? <a class="fr-link" href="${INSURED_LOGIN_PATH}">Se connecter autrement</a></p>`;
}

function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}/${month}/${year}`;
}

function receivedIdentity(pivot: PivotIdentity): Html {
  const born = pivot.gender === "female" ? "Née" : "Né";
  const place =
    pivot.birthcountry === FRANCE_COUNTRY_CODE
      ? `en France (code de commune INSEE ${pivot.birthplace})`
      : `à l’étranger (code de pays INSEE ${pivot.birthcountry})`;
  return html`<div class="fr-callout">
<h2 class="fr-callout__title">L’identité transmise par FranceConnect</h2>
<ul class="fr-callout__text">
<li>Nom de naissance : ${pivot.familyName}</li>
<li>Prénoms : ${pivot.givenNames}</li>
<li>${born} le ${formatDate(pivot.birthdate)} ${place}</li>
</ul>
</div>`;
}

/** No insured person, or several, fit the pivot identity: nothing is guessed, the person is told what to do. */
export function noMatchPage(pivot: PivotIdentity, several: boolean): Html {
  return html`<h1>Nous n’avons pas pu retrouver votre dossier</h1>
<p class="fr-text--lead">${
    several
      ? "Plusieurs dossiers correspondent à l’identité transmise par FranceConnect. Pour protéger vos données, nous ne choisissons pas à votre place : vous n’êtes pas connecté."
      : "Aucun dossier de l’Assurance retraite ne correspond à l’identité transmise par FranceConnect. Vous n’êtes pas connecté."
  }</p>
${receivedIdentity(pivot)}
<h2>Que faire ?</h2>
<ol>
<li><strong>Créez votre espace avec votre numéro de sécurité sociale</strong> : <a href="${SIGN_UP_PATH}">créer mon espace personnel</a> avec votre numéro de sécurité sociale, votre date de naissance et votre adresse électronique. Votre numéro de sécurité sociale identifie votre dossier sans ambiguïté.</li>
<li><strong>Vérifiez votre identité chez FranceConnect</strong> : si une information ci-dessus est inexacte, faites-la corriger auprès de l’organisme du compte utilisé pour vous connecter (impots.gouv.fr, ameli.fr…). Vous pourrez ensuite utiliser FranceConnect.</li>
<li><strong>Appelez-nous</strong> : ${HELP_LINE} Un conseiller vérifiera votre identité et mettra votre dossier à jour si nécessaire.</li>
</ol>`;
}

export interface FailureText {
  readonly title: string;
  readonly lead: string;
}

/** The round trip did not end in a verified identity: the person can try again, or get help. */
export function failurePage(text: FailureText, csrfToken: string, requestId: string): Html {
  return html`<h1>${text.title}</h1>
<p class="fr-text--lead">${text.lead}</p>
<p>Vous pouvez réessayer :</p>
${franceConnectButton(csrfToken)}
<p>Vous pouvez aussi <a href="${INSURED_LOGIN_PATH}">vous connecter avec votre numéro de sécurité sociale</a>.</p>
<p>${HELP_LINE} Indiquez ce code : <strong>${requestId}</strong>.</p>`;
}

export const FAILURES = {
  cancelled: {
    title: "Connexion annulée",
    lead: "Vous avez annulé la connexion avec FranceConnect. Vous n’êtes pas connecté.",
  },
  refused: {
    title: "FranceConnect n’a pas pu vous identifier",
    lead: "FranceConnect a répondu par une erreur. Vous n’êtes pas connecté.",
  },
  unverified: {
    title: "La connexion n’a pas pu être vérifiée",
    lead: "La réponse de FranceConnect n’a pas pu être vérifiée : par sécurité, vous n’êtes pas connecté. Aucune information n’a été enregistrée.",
  },
  expired: {
    title: "Votre demande de connexion a expiré",
    lead: "Plus de dix minutes se sont écoulées, ou la connexion a été commencée dans un autre navigateur. Vous n’êtes pas connecté.",
  },
  unavailable: {
    title: "FranceConnect est momentanément indisponible",
    lead: "Nous n’arrivons pas à joindre FranceConnect. Réessayez dans quelques minutes.",
  },
} as const satisfies Record<string, FailureText>;

export function loggedOutPage(fromFranceConnect: boolean): Html {
  return html`<h1>Vous êtes déconnecté</h1>
<p class="fr-text--lead">${
    fromFranceConnect
      ? "Vous êtes déconnecté de Parcours et de FranceConnect."
      : "Vous êtes déconnecté de Parcours. Si vous utilisez un ordinateur partagé, fermez votre navigateur pour terminer aussi votre session FranceConnect."
  }</p>
<p><a class="fr-btn" href="${INSURED_LOGIN_PATH}">Se connecter à nouveau</a></p>`;
}
