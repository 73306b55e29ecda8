import { alert, errorSummary, postForm, selectField } from "../platform/dsfr/index.ts";
import { type Html, html } from "../platform/html.ts";
import { euros, type PdfDocument, renderPdf } from "../platform/pdf.ts";
import { RATED_SERVICES } from "../satisfaction/index.ts";
import { CORRECTION_MAX, CORRECTION_TOPICS, type CorrectionField, type CorrectionForm } from "./model.ts";
import type { PersonalData } from "./service.ts";

export const PERSONAL_DATA_PATH = "/espace/mes-donnees";
export const JSON_EXPORT_PATH = "/espace/mes-donnees/export.json";
export const PDF_EXPORT_PATH = "/espace/mes-donnees/export.pdf";
export const CORRECTION_PATH = "/espace/mes-donnees/correction";

const INPUTS: Record<CorrectionField, string> = { topic: "donnees", correction: "correction" };

const SCHEMES: Record<string, string> = {
  general: "Régime général",
  self_employed: "Indépendants",
  agricultural: "Agricole",
  public_service: "Fonction publique",
  abroad: "Étranger",
};
const PARTNERSHIPS: Record<string, string> = {
  marriage: "mariage",
  pacs: "PACS",
  cohabitation: "concubinage",
};
const MANDATES: Record<string, string> = {
  guardianship: "tutelle",
  curatorship: "curatelle",
  mandate: "mandat",
};
const CHILD_REASONS: Record<string, string> = {
  maternity: "maternité",
  adoption: "adoption",
  education: "éducation",
};
const STATUSES: Record<string, string> = {
  pending: "en attente de confirmation",
  confirmed: "utilisé pour les paiements",
  replaced: "remplacé",
};

function frenchDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-");
  return `${day}/${month}/${year}`;
}

function frenchDateTime(isoInstant: string): string {
  return new Date(isoInstant).toLocaleString("fr-FR", { timeZone: "Europe/Paris" });
}

export function personalDataPage(options: {
  csrfToken: string;
  data: PersonalData;
  form: CorrectionForm;
  errors?: Partial<Record<CorrectionField, string>>;
}): Html {
  const { data, form } = options;
  const errors = Object.fromEntries(
    Object.entries(options.errors ?? {}).map(([field, message]) => [
      INPUTS[field as CorrectionField],
      message,
    ]),
  ) as Record<string, string | undefined>;
  const counts: [string, number][] = [
    ["années de carrière", new Set(data.career.map((y) => y.year)).size],
    ["enfants", data.family.children.length],
    ["paiements", data.payments.length],
    ["comptes bancaires", data.bankAccounts.length],
    ["avis donnés", data.ratings.length],
    ["consultations et actions enregistrées sur votre dossier", data.accessLog.length],
  ];
  return html`<h1>Mes données</h1>
<p class="fr-text--lead">Ce que Parcours conserve sur vous : votre état civil, vos coordonnées, votre carrière, votre famille, vos paiements, vos comptes bancaires (numéros masqués), vos avis, vos mandats et la liste de qui a consulté votre dossier et pourquoi.</p>
<ul>${counts.map(([label, count]) => html`<li>${count} ${label}</li>`)}</ul>
<h2 class="fr-mt-4w">Télécharger mes données</h2>
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><a class="fr-btn" href="${PDF_EXPORT_PATH}" download>Télécharger en PDF (lisible)</a></li>
  <li><a class="fr-btn fr-btn--secondary" href="${JSON_EXPORT_PATH}" download>Télécharger en JSON (réutilisable)</a></li>
</ul>
<h2 class="fr-mt-4w" id="corriger">Demander une correction</h2>
<p>Une information est inexacte ? Dites-nous laquelle et ce qu'il faut corriger. Votre caisse vous répond dans un délai d'un mois au plus.</p>
${errorSummary(errors)}
${postForm(
  CORRECTION_PATH,
  options.csrfToken,
  html`${selectField({
    name: "donnees",
    label: "Les données concernées",
    value: form.topic,
    error: errors.donnees,
    empty: "Choisir",
    options: Object.entries(CORRECTION_TOPICS).map(([value, label]) => ({ value, label })),
  })}
<div class="fr-input-group${errors.correction ? " fr-input-group--error" : ""}">
  <label class="fr-label" for="correction">Ce qui est inexact et la correction demandée<span class="fr-hint-text">${CORRECTION_MAX} caractères au plus</span></label>
  <textarea class="fr-input${errors.correction ? " fr-input--error" : ""}" id="correction" name="correction" rows="6"${
    errors.correction ? html` aria-describedby="correction-error" aria-invalid="true"` : ""
  }>${form.correction}</textarea>
  ${errors.correction ? html`<p id="correction-error" class="fr-error-text">${errors.correction}</p>` : ""}
</div>
<button class="fr-btn" type="submit">Envoyer ma demande de correction</button>`,
)}
<p class="fr-mt-4w"><a class="fr-link" href="/espace/avis?service=personalData">Donner mon avis sur ce service</a> (facultatif)</p>`;
}

export function correctionReceivedPage(id: number, mailedTo: string | null): Html {
  return html`<h1>Demande de correction enregistrée</h1>
${alert(
  "success",
  `Votre demande n° ${id} est enregistrée`,
  html`<p>Votre caisse de retraite l'examine et vous répond dans un délai d'un mois au plus.${
    mailedTo ? ` Un accusé de réception a été envoyé à ${mailedTo}.` : ""
  }</p>`,
)}
<p><a class="fr-link" href="${PERSONAL_DATA_PATH}">Retour à mes données</a></p>`;
}

function heading(doc: PdfDocument, title: string): void {
  doc.moveDown().font("Helvetica-Bold").fontSize(13).text(title).font("Helvetica").fontSize(10).moveDown(0.3);
}

function lines(doc: PdfDocument, rows: readonly string[], empty: string): void {
  if (rows.length === 0) doc.text(empty);
  for (const row of rows) doc.text(row);
}

/** The same data as the JSON export, laid out to be read and printed. */
export function personalDataPdf(name: string, data: PersonalData, at: Date): Promise<Buffer> {
  return renderPdf(
    { title: `Mes données — ${name}`, subject: "Données personnelles conservées par Parcours" },
    (doc) => {
      doc.font("Helvetica-Bold").fontSize(16).text("Mes données personnelles").font("Helvetica").fontSize(10);
      doc.text(`${name} — document établi le ${at.toLocaleString("fr-FR", { timeZone: "Europe/Paris" })}`);
      const { identity, contact, fund } = data;
      heading(doc, "État civil");
      lines(
        doc,
        [
          `Nom : ${identity.lastName} (nom de naissance : ${identity.birthName})`,
          `Prénoms : ${identity.firstNames}`,
          `Né(e) le ${frenchDate(identity.birthDate)} à ${identity.birthPlace} (${identity.birthDepartment})`,
          `Numéro de sécurité sociale : ${identity.nir}`,
        ],
        "",
      );
      heading(doc, "Coordonnées");
      lines(
        doc,
        [
          `Adresse : ${contact.address.line}, ${contact.address.postcode} ${contact.address.town}, ${contact.address.country}`,
          `Courriel : ${contact.email ?? "non renseigné"} — téléphone : ${contact.phone ?? "non renseigné"}`,
          `Caisse de retraite : ${fund.name ?? fund.code} (département ${fund.department})`,
        ],
        "",
      );
      heading(doc, "Carrière");
      lines(
        doc,
        data.career.map((year) => {
          const q = year.quarters;
          const quarters = q.contributed + q.unemployment + q.sickness + q.maternity + q.military;
          return `${year.year} — ${SCHEMES[year.scheme] ?? year.scheme}${year.employer ? `, ${year.employer}` : ""} : ${euros(year.salary)}, ${quarters} trimestre(s)`;
        }),
        "Aucune année de carrière.",
      );
      heading(doc, "Trimestres pour enfants");
      lines(
        doc,
        data.childQuarters.map(
          (award) =>
            `Enfant n° ${award.childId} : ${award.quarters} trimestre(s) (${CHILD_REASONS[award.reason]})`,
        ),
        "Aucun.",
      );
      heading(doc, "Famille");
      lines(
        doc,
        [
          ...data.family.children.map(
            (child) =>
              `Enfant : ${child.firstName}, né(e) le ${frenchDate(child.birthDate)}${child.adopted ? " (adopté)" : ""}`,
          ),
          ...data.family.partnerships.map(
            (p) =>
              `Union (${PARTNERSHIPS[p.kind]}) avec ${p.partnerName} depuis le ${frenchDate(p.startedOn)}${p.endedOn ? `, jusqu'au ${frenchDate(p.endedOn)}` : ""}`,
          ),
        ],
        "Aucune information familiale.",
      );
      heading(doc, "Retraites et paiements");
      lines(
        doc,
        [
          ...data.pensions.map(
            (p) =>
              `Retraite ${p.kind === "own_right" ? "personnelle" : "de réversion"} depuis le ${frenchDate(p.startDate)} : ${euros(p.monthlyGross)} brut par mois`,
          ),
          ...data.payments.map(
            (p) =>
              `Paiement du ${frenchDate(p.paidOn)} (mois ${p.period.slice(0, 7)}) : brut ${euros(p.gross)}, prélèvements ${euros(p.socialContributions)}, net ${euros(p.net)}`,
          ),
        ],
        "Aucune retraite en paiement.",
      );
      heading(doc, "Comptes bancaires (numéros masqués)");
      lines(
        doc,
        data.bankAccounts.map((a) => `${a.iban} — ${a.holder}, BIC ${a.bic} : ${STATUSES[a.status]}`),
        "Aucun compte enregistré en ligne.",
      );
      heading(doc, "Vos avis");
      lines(
        doc,
        data.ratings.map(
          (r) =>
            `${r.month.slice(0, 7)} — ${RATED_SERVICES.get(r.service)?.title ?? r.service} : ${r.rating ?? "sans note"}${r.comment ? ` — « ${r.comment} »` : ""}`,
        ),
        "Aucun avis.",
      );
      heading(doc, "Mandats de représentation que vous détenez");
      lines(
        doc,
        data.mandates.map(
          (m) =>
            `${m.represented ?? "?"} : ${MANDATES[m.kind]}, depuis le ${frenchDate(m.startsOn)}${m.endsOn ? ` jusqu'au ${frenchDate(m.endsOn)}` : ""}`,
        ),
        "Aucun.",
      );
      heading(doc, "Demandes de correction");
      lines(
        doc,
        data.correctionRequests.map(
          (c) => `${frenchDateTime(c.at)} — ${CORRECTION_TOPICS[c.topic]} : ${c.correction}`,
        ),
        "Aucune.",
      );
      heading(doc, "Qui a consulté votre dossier et pourquoi");
      lines(
        doc,
        data.accessLog.map(
          (e) => `${frenchDateTime(e.at)} — ${e.who} : ${e.what}${e.reason ? ` (motif : ${e.reason})` : ""}`,
        ),
        "Aucune consultation enregistrée.",
      );
    },
  );
}
