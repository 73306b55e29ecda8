import { type Html, type HtmlValue, html } from "../html.ts";

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** A heading of the given level with a class: components' titles take the level that fits the page outline. */
export function heading(level: HeadingLevel, className: string, content: HtmlValue, id?: string): Html {
  const idAttribute = id ? html` id="${id}"` : "";
  switch (level) {
    case 2:
      return html`<h2 class="${className}"${idAttribute}>${content}</h2>`;
    case 3:
      return html`<h3 class="${className}"${idAttribute}>${content}</h3>`;
    case 4:
      return html`<h4 class="${className}"${idAttribute}>${content}</h4>`;
    case 5:
      return html`<h5 class="${className}"${idAttribute}>${content}</h5>`;
    case 6:
      return html`<h6 class="${className}"${idAttribute}>${content}</h6>`;
  }
}
