export type CareerScheme = "general" | "self_employed" | "agricultural" | "public_service" | "abroad";

/** One year of a career in one scheme (a person can have several schemes in the same year). */
export interface CareerYear {
  readonly year: number;
  readonly scheme: CareerScheme;
  readonly employer: string | null;
  /** Gross yearly earnings in whole euros. */
  readonly salary: number;
  readonly quarters: {
    readonly contributed: number;
    readonly unemployment: number;
    readonly sickness: number;
    readonly maternity: number;
    readonly military: number;
  };
}

export interface ChildQuartersAward {
  readonly childId: number;
  readonly reason: "maternity" | "adoption" | "education";
  readonly quarters: number;
}

// ------------------------------------------------------------ tables (migrations/0003_career.sql)

export type EmployerTable = { id: number; name: string; siret: string };

export type CareerYearTable = {
  insured_id: number;
  year: number;
  scheme: CareerScheme;
  employer_id: number | null;
  salary: number;
  contributed: number;
  unemployment: number;
  sickness: number;
  maternity: number;
  military: number;
};

export type ChildQuartersTable = {
  insured_id: number;
  child_id: number;
  reason: ChildQuartersAward["reason"];
  quarters: number;
};

export type CareerTables = {
  employer: EmployerTable;
  career_year: CareerYearTable;
  child_quarters: ChildQuartersTable;
};
