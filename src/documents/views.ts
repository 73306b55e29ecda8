import { type Html, html } from "../platform/html.ts";
import { MAX_UPLOAD_BYTES, type MediaType, megabytes, type StoredDocument } from "./model.ts";

export interface UploadFieldOptions {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly multiple?: boolean;
}

/**
 * The DSFR file input, announcing the formats and the cap before the person chooses; the refusal (if any)
 * is tied to the input. `accept` only helps the file picker: the server sniffs every file anyway.
 */
export function uploadField(field: UploadFieldOptions): Html {
  const described = field.error ? html` aria-describedby="${field.name}-error" aria-invalid="true"` : "";
  return html`<div class="fr-upload-group${field.error ? " fr-upload-group--error" : ""}">
  <label class="fr-label" for="${field.name}">${field.label}
    <span class="fr-hint-text">${field.hint ? `${field.hint} ` : ""}Taille maximale : ${megabytes(MAX_UPLOAD_BYTES)}. Formats acceptés : PDF, JPEG, PNG.</span>
  </label>
  <input class="fr-upload" type="file" id="${field.name}" name="${field.name}" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"${
    field.multiple ? html` multiple` : ""
  }${described}>
  ${field.error && html`<p id="${field.name}-error" class="fr-error-text">${field.error}</p>`}
</div>`;
}

const FORMAT_LABELS: Readonly<Record<MediaType, string>> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
};

/** A download link as DSFR writes it: the name, then format and size. */
export function documentLink(document: StoredDocument, href: string): Html {
  return html`<a class="fr-link fr-link--download" href="${href}">${document.originalName}
  <span class="fr-link__detail">${FORMAT_LABELS[document.mediaType]} – ${megabytes(document.sizeBytes)}</span></a>`;
}
