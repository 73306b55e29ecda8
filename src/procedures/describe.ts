import { PROCEDURES } from "./definitions/index.ts";
import type { GroupRow, ProcedureCode } from "./model.ts";

export interface AnswerLine {
  readonly step: string;
  readonly label: string;
  readonly value: string;
}

function shown(value: unknown, options?: readonly { value: string; label: string }[]): string {
  if (typeof value !== "string") return "";
  if (value === "oui") return "Oui";
  if (value === "non") return "Non";
  return options?.find((option) => option.value === value)?.label ?? value;
}

/**
 * A case's answers as the person saw the questions, step by step: what the case worker reads. Only
 * questions that were answered are listed (the case keeps only those the person was asked).
 */
export function describeAnswers(
  code: ProcedureCode,
  answers: Readonly<Record<string, unknown>>,
): AnswerLine[] {
  const lines: AnswerLine[] = [];
  for (const step of PROCEDURES[code].steps) {
    for (const question of step.questions) {
      const value = answers[question.id];
      if (value === undefined) continue;
      if (question.type === "group") {
        const rows = Array.isArray(value) ? (value as GroupRow[]) : [];
        lines.push({
          step: step.title,
          label: question.label,
          value:
            rows.length === 0
              ? "Aucun"
              : rows
                  .map((row) =>
                    question.fields.map((field) => shown(row[field.id], field.options)).join(", "),
                  )
                  .join(" ; "),
        });
      } else lines.push({ step: step.title, label: question.label, value: shown(value, question.options) });
    }
  }
  return lines;
}
