/** The error body of every /api/v1 answer: a stable code and a French message to show as is. */
export const apiErrorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string", description: "Message en français, à montrer tel quel." },
        fields: {
          type: "object",
          description: "Pour chaque champ à corriger, ce qu'il faut corriger.",
          additionalProperties: { type: "string" },
        },
      },
    },
  },
} as const;
