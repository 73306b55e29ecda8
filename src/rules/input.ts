/**
 * Checks untrusted JSON (CLI, HTTP) field by field and turns it into typed inputs; every refusal is a
 * RulesError naming the field in plain French, so the person knows exactly what to fix.
 */
import type { CalendarDate } from "./dates.ts";
import { parseDate } from "./dates.ts";
import { RulesError } from "./errors.ts";

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RulesError(
      "type_invalide",
      path ? `Le champ « ${path} » doit être un objet.` : "La demande doit être un objet JSON.",
    );
  }
  return value as JsonObject;
}

export function rejectUnknownFields(object: JsonObject, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new RulesError("champ_inconnu", `Le champ « ${join(path, key)} » n'est pas attendu.`);
    }
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function missing(path: string): RulesError {
  return new RulesError("champ_manquant", `Le champ « ${path} » est obligatoire.`);
}

export function optionalDate(object: JsonObject, key: string, path = ""): CalendarDate | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  const name = join(path, key);
  const parsed = typeof value === "string" ? parseDate(value) : undefined;
  if (!parsed) {
    throw new RulesError(
      "date_invalide",
      `Le champ « ${name} » doit être une date qui existe, au format AAAA-MM-JJ (reçu : ${JSON.stringify(value)}).`,
    );
  }
  return parsed;
}

export function requiredDate(object: JsonObject, key: string, path = ""): CalendarDate {
  const parsed = optionalDate(object, key, path);
  if (!parsed) throw missing(join(path, key));
  return parsed;
}

interface NumberRule {
  readonly integer?: boolean;
  readonly max?: number;
}

export function optionalNumber(
  object: JsonObject,
  key: string,
  path = "",
  rule: NumberRule = {},
): number | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  const name = join(path, key);
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RulesError("nombre_invalide", `Le champ « ${name} » doit être un nombre.`);
  }
  if (value < 0) throw new RulesError("nombre_negatif", `Le champ « ${name} » ne peut pas être négatif.`);
  if (rule.integer && !Number.isInteger(value)) {
    throw new RulesError("nombre_invalide", `Le champ « ${name} » doit être un nombre entier.`);
  }
  if (rule.max !== undefined && value > rule.max) {
    throw new RulesError("nombre_trop_grand", `Le champ « ${name} » ne peut pas dépasser ${rule.max}.`);
  }
  return value;
}

export function requiredNumber(object: JsonObject, key: string, path = "", rule: NumberRule = {}): number {
  const value = optionalNumber(object, key, path, rule);
  if (value === undefined) throw missing(join(path, key));
  return value;
}

export function optionalBoolean(object: JsonObject, key: string, path = ""): boolean | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") {
    throw new RulesError("type_invalide", `Le champ « ${join(path, key)} » doit valoir true ou false.`);
  }
  return value;
}

export function optionalString(object: JsonObject, key: string, path = ""): string | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new RulesError("type_invalide", `Le champ « ${join(path, key)} » doit être un texte non vide.`);
  }
  return value;
}

export function requiredString(object: JsonObject, key: string, path = ""): string {
  const value = optionalString(object, key, path);
  if (value === undefined) throw missing(join(path, key));
  return value;
}

export function optionalArray(object: JsonObject, key: string, path = ""): readonly unknown[] | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new RulesError("type_invalide", `Le champ « ${join(path, key)} » doit être une liste.`);
  }
  return value;
}

export function requiredArray(object: JsonObject, key: string, path = ""): readonly unknown[] {
  const value = optionalArray(object, key, path);
  if (!value) throw missing(join(path, key));
  return value;
}

export function oneOf<T extends string>(
  object: JsonObject,
  key: string,
  allowed: readonly T[],
  path = "",
): T {
  const value = object[key];
  if (value === undefined) throw missing(join(path, key));
  const found = allowed.find((a) => a === value);
  if (!found) {
    throw new RulesError(
      "valeur_invalide",
      `Le champ « ${join(path, key)} » doit valoir ${allowed.map((a) => `« ${a} »`).join(" ou ")}.`,
    );
  }
  return found;
}
