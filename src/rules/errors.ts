/** An input the rules cannot apply to; `message` is plain French, shown as is to the person. */
export class RulesError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "RulesError";
    this.code = code;
  }
}
