/**
 * What must never reach a log line: single-use credentials travelling in addresses (password reset,
 * e-mail verification, bank confirmation, staff enrolment, FranceConnect's code and state) and
 * social security numbers (NIR). Applied to every serialized log line (server.ts), whatever logged it,
 * so a new route or a new error message cannot leak them by forgetting a serializer.
 */

export const REDACTED = "[masqué]";

// A query or form parameter whose value is a credential; the value ends at the next separator or at the
// end of the JSON string it is in.
const SECRET_PARAMETER = /([?&;](?:jeton|token|code|state|password|nir)=)[^&#\s"\\]*/gi;

// A NIR as people type it: 13 characters (15 with the key), Corsica's 2A/2B, with or without spaces,
// dots, or their URL encodings. Longer digit runs (an amount in cents) are not a NIR, nor is a JSON
// number (a log line's millisecond timestamp has 13 digits too): a NIR is always a string.
const SEP = "(?:[ .+]|%20)?";
const NIR = new RegExp(
  String.raw`(?<![0-9A-Za-z:])[1-8]${SEP}\d{2}${SEP}\d{2}${SEP}(?:\d{2}|2[AB])${SEP}\d{3}${SEP}\d{3}(?:${SEP}\d{2})?(?![0-9A-Za-z])`,
  "gi",
);

export function redact(text: string): string {
  return text.replace(SECRET_PARAMETER, `$1${REDACTED}`).replace(NIR, REDACTED);
}
