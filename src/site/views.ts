import { type Html, html } from "../platform/html.ts";

export interface ServiceCard {
  readonly title: string;
  readonly description: string;
  /** Absent while the service is not built: the card then says "Bientôt disponible" and is no link. */
  readonly href?: string;
}

export function serviceCards(cards: readonly ServiceCard[]): Html {
  return html`<div class="fr-grid-row fr-grid-row--gutters">${cards.map(
    (card) => html`<div class="fr-col-12 fr-col-md-6 fr-col-lg-4">
  <div class="fr-card${card.href ? " fr-enlarge-link" : ""}">
    <div class="fr-card__body"><div class="fr-card__content">
      <h3 class="fr-card__title">${card.href ? html`<a href="${card.href}">${card.title}</a>` : card.title}</h3>
      <p class="fr-card__desc">${card.description}</p>
      ${
        card.href
          ? ""
          : html`<div class="fr-card__start"><p class="fr-badge fr-badge--new fr-badge--sm">Bientôt disponible</p></div>`
      }
    </div></div>
  </div>
</div>`,
  )}</div>`;
}

export function breadcrumb(current: string): Html {
  return html`<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
  <button type="button" class="fr-breadcrumb__button" aria-expanded="false" aria-controls="fil-ariane">Voir le fil d'Ariane</button>
  <div class="fr-collapse" id="fil-ariane">
    <ol class="fr-breadcrumb__list">
      <li><a class="fr-breadcrumb__link" href="/">Accueil</a></li>
      <li><a class="fr-breadcrumb__link" aria-current="page">${current}</a></li>
    </ol>
  </div>
</nav>`;
}
