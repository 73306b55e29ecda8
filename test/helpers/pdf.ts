import { extractText, getDocumentProxy } from "unpdf";

/** The text of every page of a PDF, joined, with runs of spaces collapsed (what a reader sees). */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: true });
  return text.replace(/\s+/g, " ");
}
