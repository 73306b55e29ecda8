import type { FastifyInstance } from "fastify";
import { type Html, html } from "../html.ts";
import { button, buttonLink, buttonsGroup, confirmation, franceConnectButton } from "./buttons.ts";
import {
  accordion,
  accordionsGroup,
  card,
  cardGrid,
  contentMedia,
  downloadLink,
  link,
  stepper,
  summary,
  table,
  tile,
} from "./content.ts";
import {
  checkbox,
  checkboxGroup,
  dateFields,
  errorSummary,
  inputField,
  passwordField,
  postForm,
  radioGroup,
  segmented,
  selectField,
  textareaField,
  uploadField,
} from "./form.ts";
import { breadcrumb, page, pagination } from "./layout.ts";
import { alert, badge, badgesGroup, callout, highlight, notice, quote, tag, tagsGroup } from "./messages.ts";

export const DEV_COMPONENTS_PATH = "/dev/composants";

const CHOICES = [
  { value: "salarie", label: "Salarié" },
  { value: "independant", label: "Indépendant", hint: "Artisan, commerçant, profession libérale" },
  { value: "fonctionnaire", label: "Fonctionnaire" },
];

function section(id: string, title: string, body: Html): Html {
  return html`<section class="fr-mt-6w" aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${body}</section>`;
}

/**
 * Every component of the module in every state, on one page: what the converters look at, and what the
 * browser test runs axe and a keyboard walk on. Built once per request from constants, nothing read.
 */
export function componentsPage(): Html {
  const main = html`<h1>Composants du DSFR</h1>
${notice({ title: "Page de développement : elle n'existe pas en production.", description: "Chaque composant du module, dans chacun de ses états." })}
${breadcrumb({ id: "fil-ariane-demo", links: [{ href: "/", label: "Accueil" }], current: "Composants" })}
${summary(
  [
    { anchor: "messages", label: "Messages" },
    { anchor: "formulaires", label: "Formulaires", children: [{ anchor: "choix", label: "Choix" }] },
    { anchor: "actions", label: "Actions" },
    { anchor: "contenus", label: "Contenus" },
    { anchor: "navigation", label: "Navigation" },
  ],
  "Sommaire",
  "sommaire-demo",
)}
${section(
  "messages",
  "Messages",
  html`${(["info", "success", "warning", "error"] as const).map((kind) =>
    alert(kind, `Alerte ${kind}`, html`<p>Description de l'alerte.</p>`, { headingLevel: 3 }),
  )}
${alert("info", "Petite alerte", html`<p>Une ligne.</p>`, { small: true, headingLevel: 3 })}
${alert("success", "", html`<p>Alerte sans titre, petite.</p>`, { small: true })}
${callout({ title: "Mise en avant", headingLevel: 3, text: "Ce qu'il ne faut pas manquer.", action: buttonLink("Agir", { href: "#actions" }) })}
${callout({ text: "Mise en avant sans titre, accentuée, avec icône.", accent: "blue-ecume", icon: "fr-icon-info-line" })}
${callout({ title: "Liste", headingLevel: 3, textBlock: html`<ul class="fr-callout__text"><li>Premier point</li><li>Second point</li></ul>` })}
${highlight("Une phrase mise en exergue.")}
${quote({ text: "Une citation.", author: "Autrice", source: "Ouvrage" })}
${badgesGroup([
  badge("Succès", { kind: "success" }),
  badge("Erreur", { kind: "error" }),
  badge("Info", { kind: "info" }),
  badge("Attention", { kind: "warning" }),
  badge("Nouveau", { kind: "new", small: true }),
  badge("Accent", { accent: "purple-glycine" }),
])}
${tagsGroup([tag("Étiquette"), tag("Lien étiquette", { href: "#contenus" }), tag("Petite", { small: true })])}`,
)}
${section(
  "formulaires",
  "Formulaires",
  postForm(
    DEV_COMPONENTS_PATH,
    "jeton-de-demonstration",
    html`${errorSummary({ "nir-erreur": "Le numéro de sécurité sociale a 13 chiffres", "statut-erreur": "Choisissez un statut" }, 3)}
${inputField({ name: "nom", label: "Nom", hint: "Tel qu'il figure sur votre pièce d'identité", value: "Dupont", autocomplete: "family-name" })}
${inputField({ name: "nir-erreur", label: "Numéro de sécurité sociale", inputmode: "numeric", maxlength: 15, pattern: "[0-9 ]*", value: "1 84", error: "Le numéro de sécurité sociale a 13 chiffres" })}
${inputField({ name: "courriel-demo", type: "email", label: "Adresse électronique", autocomplete: "email" })}
${inputField({ name: "montant", type: "number", label: "Montant en euros", min: 0, step: "0.01" })}
${inputField({ name: "date-demo", type: "date", label: "Date de l'événement" })}
${inputField({ name: "desactive", label: "Champ désactivé", disabled: true, value: "Non modifiable" })}
${passwordField({ name: "mot-de-passe-demo", label: "Mot de passe", autocomplete: "current-password" })}
${passwordField({ name: "mot-de-passe-erreur", label: "Nouveau mot de passe", autocomplete: "new-password", error: "12 caractères au moins" })}
${textareaField({ name: "message-demo", label: "Votre message", hint: "2 000 caractères au plus", rows: 4, maxlength: 2000 })}
${textareaField({ name: "message-erreur", label: "Précision", error: "Écrivez votre message" })}
${selectField({
  name: "caisse-demo",
  label: "Caisse",
  empty: "Sélectionner une caisse",
  options: [
    { value: "aq", label: "Carsat Aquitaine" },
    { value: "hdf", label: "Carsat Hauts-de-France" },
  ],
  value: "aq",
})}
${selectField({ name: "caisse-erreur", label: "Caisse (erreur)", empty: "Sélectionner une caisse", options: [{ value: "aq", label: "Carsat Aquitaine" }], error: "Choisissez une caisse" })}
${dateFields({ id: "naissance-demo", legend: "Date de naissance", names: { day: "jour", month: "mois", year: "annee" }, autocomplete: "bday" })}
${dateFields({ id: "naissance-erreur", legend: "Date de départ", hint: "Le premier jour d'un mois", names: { day: "jour-e", month: "mois-e", year: "annee-e" }, value: { day: "31", month: "02", year: "2027" }, error: "Indiquez une date réelle" })}
${uploadField({ name: "piece-demo", label: "Justificatif", hint: "Taille maximale : 10 Mo. Formats acceptés : PDF, JPEG, PNG.", accept: "application/pdf,image/jpeg,image/png" })}
${uploadField({ name: "piece-erreur", label: "Justificatifs", hint: "Plusieurs fichiers possibles.", multiple: true, error: "Le fichier « rib.pdf » est vide" })}
<h3 id="choix">Choix</h3>
${radioGroup({ name: "statut-demo", legend: "Votre statut", options: CHOICES, value: "salarie" })}
${radioGroup({ name: "statut-erreur", legend: "Votre statut (en ligne, erreur)", hint: "Une seule réponse", options: CHOICES, inline: true, error: "Choisissez un statut" })}
${radioGroup({ name: "statut-petit", legend: "Petits boutons", options: CHOICES, small: true })}
${segmented({
  name: "vue-demo",
  legend: "Affichage",
  options: [
    { value: "graphique", label: "Graphique" },
    { value: "tableau", label: "Tableau" },
  ],
  value: "tableau",
})}
${checkbox({ name: "certifie-demo", label: "Je certifie l'exactitude de ces informations", checked: true })}
${checkbox({ name: "certifie-erreur", label: "J'accepte les conditions", hint: "Obligatoire", error: "Cochez la case pour continuer" })}
${checkboxGroup({ name: "regimes-demo", legend: "Vos régimes", options: CHOICES, values: ["salarie"] })}
${checkboxGroup({ name: "regimes-erreur", legend: "Vos régimes (en ligne, erreur)", options: CHOICES, inline: true, small: true, error: "Cochez au moins un régime" })}
${buttonsGroup([button("Envoyer"), button("Enregistrer le brouillon", { priority: "secondary", type: "button" })], { inline: "md" })}`,
  ),
)}
${section(
  "actions",
  "Actions",
  html`${buttonsGroup(
    [
      button("Principal", { type: "button" }),
      button("Secondaire", { priority: "secondary", type: "button" }),
      button("Tertiaire", { priority: "tertiary", type: "button" }),
      button("Sans contour", { priority: "tertiary-no-outline", type: "button" }),
    ],
    { inline: "md" },
  )}
${buttonsGroup(
  [
    button("Petit, icône à gauche", { size: "sm", icon: "fr-icon-download-line", type: "button" }),
    button("Grand, icône à droite", {
      size: "lg",
      icon: "fr-icon-arrow-right-line",
      iconPosition: "right",
      type: "button",
    }),
    button("Modifier", {
      icon: "fr-icon-edit-line",
      iconPosition: "only",
      priority: "tertiary",
      type: "button",
    }),
    buttonLink("Lien bouton", { href: "#contenus", priority: "secondary" }),
    button("Désactivé", { disabled: true, type: "button" }),
  ],
  { inline: "md" },
)}
${confirmation({
  id: "confirmation-demo",
  title: "Retirer ce justificatif ?",
  headingLevel: 3,
  body: html`<p>Il ne sera plus joint à votre demande. Vous pourrez en envoyer un autre.</p>`,
  action: DEV_COMPONENTS_PATH,
  csrfToken: "jeton-de-demonstration",
  hidden: { piece: "42" },
  confirmLabel: "Oui, retirer le justificatif",
  cancelHref: "#actions",
})}
${franceConnectButton(DEV_COMPONENTS_PATH, "jeton-de-demonstration")}`,
)}
${section(
  "contenus",
  "Contenus",
  html`<p>${link("Retour à l'accueil", { href: "/", icon: "fr-icon-arrow-left-line" })}</p>
<p>${link("Suite", { href: "#navigation", icon: "fr-icon-arrow-right-line", iconPosition: "right" })}</p>
<p>${link("Site de l'Assurance retraite", { href: "https://www.lassuranceretraite.fr", newWindow: true })}</p>
<p>${downloadLink("Télécharger le relevé de carrière", { href: "#contenus", format: "PDF", size: "61,88 ko" })}</p>
${stepper({ current: { number: 2, title: "Vos enfants" }, total: 4, next: "Vos revenus", headingLevel: 3 })}
${stepper({ current: { number: 4, title: "Récapitulatif" }, total: 4, headingLevel: 3 })}
${table({
  id: "tableau-demo",
  caption: "Derniers paiements",
  headers: ["Mois", "Montant", "Date"],
  rows: [
    ["Janvier 2026", "1 234,56 €", "9 février 2026"],
    ["Décembre 2025", "1 234,56 €", "9 janvier 2026"],
  ],
})}
${table({ id: "tableau-simple", caption: "Sans en-têtes de ligne, bordé", headers: ["A", "B"], rows: [["1", "2"]], rowHeaders: false, bordered: true })}
${cardGrid([
  card({
    title: "Mon relevé de carrière",
    description: "Vos trimestres, année par année.",
    href: "#contenus",
  }),
  card({ title: "Ma demande de réversion", description: "Pour le conjoint survivant.", comingSoon: true }),
  card({
    title: "Carte avec badges",
    description: "Et un détail.",
    start: badgesGroup([badge("Nouveau", { kind: "new", small: true })]),
    detail: "Mis à jour en janvier",
  }),
])}
${cardGrid([
  tile({ title: "Mes paiements", description: "Calendrier et attestations.", href: "#contenus" }),
  tile({ title: "Mon estimation", description: "Bientôt en ligne.", comingSoon: true }),
])}
${accordionsGroup([
  accordion({
    id: "accordeon-1",
    title: "Comment est calculé ce montant ?",
    body: html`<p>Salaire annuel moyen × taux × durée.</p>`,
  }),
  accordion({
    id: "accordeon-2",
    title: "Ouvert au chargement",
    body: html`<p>Contenu visible.</p>`,
    expanded: true,
  }),
])}
${contentMedia(html`<p>Un graphique ici.</p>`, "Légende du graphique.", "Graphique et sa légende")}`,
)}
${section(
  "navigation",
  "Navigation",
  html`${pagination({ current: 1, total: 12, href: (n) => `${DEV_COMPONENTS_PATH}?page=${n}` })}
${pagination({ current: 6, total: 12, href: (n) => `${DEV_COMPONENTS_PATH}?page=${n}` })}`,
)}`;
  return page({ title: "Composants du DSFR (développement)", main, path: DEV_COMPONENTS_PATH });
}

/** Development only (registered when not in production, like the outbox): the components' showcase. */
export async function devComponentsRoutes(app: FastifyInstance): Promise<void> {
  app.get(DEV_COMPONENTS_PATH, { config: { action: "dev.outbox" } }, async (_request, reply) => {
    reply.type("text/html; charset=utf-8");
    return componentsPage().value;
  });
}
