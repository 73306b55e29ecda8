import { type Html, type HtmlValue, html } from "./html.ts";

/**
 * A DSFR table with its caption; the first cell of each row heads the row. `id` names the table (and
 * its frame, `<id>-composant`) for links and tests.
 */
export function dataTable(
  caption: string,
  headers: readonly string[],
  rows: readonly HtmlValue[][],
  id?: string,
): Html {
  return html`<div class="fr-table"${id ? html` id="${id}-composant"` : ""}><div class="fr-table__wrapper"><div class="fr-table__container"><div class="fr-table__content">
<table${id ? html` id="${id}"` : ""}>
  <caption>${caption}</caption>
  <thead><tr>${headers.map((header) => html`<th scope="col">${header}</th>`)}</tr></thead>
  <tbody>${rows.map(
    ([first, ...rest]) =>
      html`<tr><th scope="row">${first}</th>${rest.map((cell) => html`<td>${cell}</td>`)}</tr>`,
  )}</tbody>
</table>
</div></div></div></div>`;
}
