/**
 * The tables a population fills, in load order (referenced tables first), with the columns the
 * generator writes, in the order it writes them. Defaults (`created_at`) are left to the database.
 */
export const populationTables = [
  { name: "employer", columns: ["id", "name", "siret"] },
  {
    name: "insured",
    columns: [
      "id",
      "nir",
      "sex",
      "birth_name",
      "last_name",
      "first_names",
      "birth_date",
      "birth_department",
      "birth_place",
      "address_line",
      "postcode",
      "town",
      "country",
      "department",
      "fund_code",
      "email",
      "phone",
      "contact_by_email",
      "contact_by_sms",
      "receives_aah",
      "receives_rsa",
      "invalidity_pension",
      "disability",
      "lives_abroad",
      "self_employed",
      "fragile",
    ],
  },
  {
    name: "representative_mandate",
    columns: ["id", "representative_id", "represented_id", "kind", "scope", "starts_on", "ends_on"],
  },
  { name: "child", columns: ["id", "parent_id", "first_name", "birth_date", "adopted"] },
  {
    name: "partnership",
    columns: [
      "id",
      "insured_id",
      "kind",
      "partner_name",
      "partner_birth_date",
      "started_on",
      "ended_on",
      "end_reason",
    ],
  },
  {
    name: "career_year",
    columns: [
      "insured_id",
      "year",
      "scheme",
      "employer_id",
      "salary",
      "contributed",
      "unemployment",
      "sickness",
      "maternity",
      "military",
    ],
  },
  { name: "child_quarters", columns: ["insured_id", "child_id", "reason", "quarters"] },
  {
    name: "pension",
    columns: [
      "insured_id",
      "kind",
      "start_date",
      "average_salary",
      "rate",
      "quarters_general",
      "quarters_required",
      "monthly_gross",
    ],
  },
  {
    name: "pension_payment",
    columns: ["insured_id", "period", "paid_on", "gross", "social_contributions", "net"],
  },
] as const;

export type TableName = (typeof populationTables)[number]["name"];

export const tableNames: readonly TableName[] = populationTables.map((table) => table.name);

/** Identity columns whose sequences must follow the ids the generator assigned. */
export const identityTables: readonly TableName[] = [
  "insured",
  "representative_mandate",
  "child",
  "partnership",
];

/** Rows of one table, in COPY text format. */
export interface TableRows {
  readonly table: TableName;
  readonly bytes: Uint8Array;
  readonly rows: number;
}
