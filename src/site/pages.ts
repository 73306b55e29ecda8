import { CONTACT } from "../platform/format.ts";
import { type Html, html } from "../platform/html.ts";
import { breadcrumb, serviceCards } from "./views.ts";

/** A public page of the site: its path, its title (also its site-map label) and its content. */
export interface SitePage {
  readonly path: string;
  readonly title: string;
  readonly main: () => Html;
}

const home: SitePage = {
  path: "/",
  title: "Accueil",
  main: () => html`<h1>Votre retraite, à chaque étape</h1>
<p class="fr-text--lead">Parcours est le service en ligne de l'Assurance retraite : suivre sa carrière, préparer sa retraite, la demander, puis la vivre, avec une personne joignable quand il le faut.</p>
<h2>Les services en ligne</h2>
${serviceCards([
  {
    title: "Mon espace personnel",
    description: "Se connecter avec son numéro de sécurité sociale ou FranceConnect.",
  },
  {
    title: "Connaître mon âge de départ",
    description: "L'âge légal de départ et le nombre de trimestres requis pour ma génération.",
    href: "/simulateurs/age-legal",
  },
  {
    title: "Consulter ma carrière",
    description: "Mon relevé de carrière, année par année, et les trimestres validés.",
  },
  { title: "Estimer ma retraite", description: "Le montant de ma retraite selon mon âge de départ." },
  { title: "Demander ma retraite", description: "Une seule demande en ligne pour tous mes régimes." },
  {
    title: "Suivre mon dossier",
    description: "Les étapes de ma demande, de sa réception au premier paiement.",
  },
])}
<h2 class="fr-mt-6w">Besoin d'aide ?</h2>
<p>Un conseiller vous répond au <strong>${CONTACT.phone}</strong> ${CONTACT.hours} (${CONTACT.price} ; depuis l'étranger, une box ou un mobile : ${CONTACT.phoneFromAbroad}). Vous pouvez aussi être reçu dans une agence retraite ou un espace France Services près de chez vous.</p>`,
};

const accessibility: SitePage = {
  path: "/accessibilite",
  title: "Déclaration d'accessibilité",
  main: () => html`<h1>Déclaration d'accessibilité</h1>
<p>La Caisse nationale d'assurance vieillesse (CNAV) s'engage à rendre ses services en ligne accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>
<p>Cette déclaration s'applique au service en ligne Parcours.</p>
<h2>État de conformité</h2>
<p>Parcours est <strong>non conforme</strong> au référentiel général d'amélioration de l'accessibilité (RGAA) version 4.1 : aucun audit de conformité n'a encore été réalisé. Les pages sont construites avec le Système de design de l'État (DSFR), fonctionnent sans JavaScript et au clavier, et sont contrôlées automatiquement à chaque version.</p>
<h2>Retour d'information et contact</h2>
<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez-nous au 3960 ou par courrier pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.</p>
<h2>Voies de recours</h2>
<p>Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez écrire au Défenseur des droits (formulaire en ligne sur defenseurdesdroits.fr), contacter son délégué dans votre région, ou lui écrire gratuitement, sans affranchissement : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</p>`,
};

const legalNotice: SitePage = {
  path: "/mentions-legales",
  title: "Mentions légales",
  main: () => html`<h1>Mentions légales</h1>
<h2>Éditeur</h2>
<p>Caisse nationale d'assurance vieillesse (CNAV), établissement public national à caractère administratif, 110 avenue de Flandre, 75019 Paris.</p>
<h2>Directeur de la publication</h2>
<p>Le directeur général de la CNAV.</p>
<h2>Hébergement</h2>
<p>Les données sont hébergées en France, dans les centres informatiques de l'Assurance retraite.</p>
<h2>Réutilisation des contenus</h2>
<p>Sauf mention contraire, les contenus de ce site sont proposés sous licence ouverte Etalab 2.0.</p>`,
};

const personalData: SitePage = {
  path: "/donnees-personnelles",
  title: "Données personnelles",
  main: () => html`<h1>Données personnelles</h1>
<p>La CNAV, responsable de traitement, utilise vos données pour gérer votre carrière, calculer et payer votre retraite, et répondre à vos demandes. Ce traitement relève de sa mission de service public (article 6-1-e du règlement général sur la protection des données) et du Code de la sécurité sociale.</p>
<h2>Quelles données ?</h2>
<p>Votre identité et votre numéro de sécurité sociale, vos coordonnées, votre carrière (périodes, salaires, trimestres), votre situation familiale utile à vos droits, vos paiements, et l'historique de vos échanges avec nous.</p>
<h2>Qui y a accès ?</h2>
<p>Seuls les agents de votre caisse de retraite qui en ont besoin pour traiter votre dossier, et les agents nationaux habilités. Chaque consultation de votre dossier par un agent est enregistrée avec son motif.</p>
<h2>Combien de temps ?</h2>
<p>Les données de carrière sont conservées tant qu'elles servent au calcul de vos droits, puis selon les durées fixées par la réglementation de la Sécurité sociale.</p>
<h2>Vos droits</h2>
<p>Vous pouvez accéder à vos données, en demander la rectification ou la limitation, en écrivant au délégué à la protection des données de la CNAV, 110 avenue de Flandre, 75019 Paris. Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (cnil.fr).</p>`,
};

const cookies: SitePage = {
  path: "/gestion-des-cookies",
  title: "Gestion des cookies",
  main: () => html`<h1>Gestion des cookies</h1>
<p>Parcours ne dépose aucun cookie publicitaire ni de mesure d'audience. Il utilise seulement les cookies strictement nécessaires au service : le cookie de session qui vous garde connecté à votre espace et le jeton qui protège vos formulaires.</p>
<p>Ces cookies étant indispensables, ils ne demandent pas votre consentement (article 82 de la loi Informatique et Libertés). Ils sont supprimés à la fin de votre session.</p>`,
};

export const sitePages: readonly SitePage[] = [home, accessibility, legalNotice, personalData, cookies];

/** Site map (RGAA criterion 12.1): every page this visitor can reach in their current role. */
export function siteMap(pages: readonly { path: string; label: string }[]): Html {
  return html`${breadcrumb("Plan du site")}
<h1>Plan du site</h1>
<ul>${pages.map((p) => html`<li><a href="${p.path}">${p.label}</a></li>`)}</ul>`;
}

export function withBreadcrumb(p: SitePage): Html {
  return p.path === "/" ? p.main() : html`${breadcrumb(p.title)}${p.main()}`;
}
