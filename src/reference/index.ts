/**
 * Reference data: French departments, the regional funds of the régime général retirement branch
 * (Carsat, CNAV Île-de-France, CGSS, CSS Mayotte) and their agencies. Sources in SOURCES.md.
 *
 * Pure: no I/O besides the JSON imports. Lookup maps are built once, at module load, and the data is
 * checked then (each department in exactly one fund, each agency in a department of its fund), so a
 * data error fails loudly at start rather than as a wrong answer later.
 *
 * Unknown codes: every lookup returns `undefined` for a code it does not know (never throws), so callers
 * validating user input can branch on it. Department codes are matched case-insensitively ("2a" = "2A").
 */
import departmentsData from "./departments.json" with { type: "json" };
import fundsData from "./funds.json" with { type: "json" };

export type FundKind = "carsat" | "cnav" | "cgss" | "css";

export type Department = {
  /** INSEE code: "01"…"95", "2A", "2B", "971"…"974", "976". */
  readonly code: string;
  readonly name: string;
  /** Administrative region (2016 regions). */
  readonly region: string;
  /** INSEE legal population (population municipale), rounded to the thousand; a weight, not a statistic. */
  readonly population: number;
  /** Reference year of `population` (2021; 2017 for Mayotte, its last authenticated census). */
  readonly populationYear: number;
};

export type Agency = {
  /** Stable code: `<department>-<town slug>`, e.g. "33-bordeaux", "974-saint-denis". */
  readonly code: string;
  /** "Agence retraite de <Ville>". */
  readonly name: string;
  readonly town: string;
  readonly postcode: string;
  readonly department: string;
  /** Synthetic street line (number and street); not the agency's real address. */
  readonly street: string;
};

export type Fund = {
  /** Stable code, e.g. "carsat-aquitaine", "cnav-idf", "cgss-reunion", "css-mayotte". */
  readonly code: string;
  /** Usual name, e.g. "Carsat Aquitaine". */
  readonly shortName: string;
  /** Official name. */
  readonly name: string;
  readonly kind: FundKind;
  readonly headOffice: { readonly town: string; readonly department: string };
  /** Department codes covered; every department belongs to exactly one fund. */
  readonly departments: readonly string[];
  /** Peculiarities of the territory, if any. */
  readonly notes?: string;
  readonly agencies: readonly Agency[];
};

/** The national fund. National staff roles are attached to it, not to a regional fund. */
export type NationalFund = {
  readonly code: "cnav";
  readonly shortName: string;
  readonly name: string;
  readonly kind: "cnav";
  readonly headOffice: { readonly town: string; readonly department: string };
  readonly notes: string;
};

const FUND_KINDS: ReadonlySet<string> = new Set(["carsat", "cnav", "cgss", "css"]);

export const departments: readonly Department[] = departmentsData;
export const funds: readonly Fund[] = fundsData.funds as readonly Fund[];
export const nationalFund: NationalFund = fundsData.national as NationalFund;
export const agencies: readonly Agency[] = funds.flatMap((fund) => fund.agencies);

const departmentsByCode = new Map<string, Department>();
const fundsByCode = new Map<string, Fund>();
const fundsByDepartment = new Map<string, Fund>();
const agenciesByCode = new Map<string, Agency>();
const fundsByAgency = new Map<string, Fund>();

for (const department of departments) {
  if (departmentsByCode.has(department.code)) throw new Error(`Duplicate department ${department.code}`);
  departmentsByCode.set(department.code, department);
}
for (const fund of funds) {
  if (!FUND_KINDS.has(fund.kind)) throw new Error(`Fund ${fund.code}: unknown kind ${fund.kind}`);
  if (fundsByCode.has(fund.code)) throw new Error(`Duplicate fund ${fund.code}`);
  fundsByCode.set(fund.code, fund);
  for (const code of fund.departments) {
    if (!departmentsByCode.has(code)) throw new Error(`Fund ${fund.code}: unknown department ${code}`);
    const other = fundsByDepartment.get(code);
    if (other) throw new Error(`Department ${code} is in both ${other.code} and ${fund.code}`);
    fundsByDepartment.set(code, fund);
  }
  for (const agency of fund.agencies) {
    if (agenciesByCode.has(agency.code)) throw new Error(`Duplicate agency ${agency.code}`);
    agenciesByCode.set(agency.code, agency);
    fundsByAgency.set(agency.code, fund);
  }
}
for (const department of departments) {
  if (!fundsByDepartment.has(department.code)) throw new Error(`Department ${department.code} has no fund`);
}

function normaliseDepartmentCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The department with this INSEE code, or undefined. */
export function departmentByCode(code: string): Department | undefined {
  return departmentsByCode.get(normaliseDepartmentCode(code));
}

/** The regional fund covering this department, or undefined for an unknown department code. */
export function fundForDepartment(code: string): Fund | undefined {
  return fundsByDepartment.get(normaliseDepartmentCode(code));
}

/** The regional fund with this code, or undefined. "cnav" (the national entry) is not a regional fund. */
export function fundByCode(code: string): Fund | undefined {
  return fundsByCode.get(code);
}

/** The agencies of this fund, or undefined for an unknown fund code (a known fund always has some). */
export function agenciesOfFund(code: string): readonly Agency[] | undefined {
  return fundsByCode.get(code)?.agencies;
}

/** The agency with this code, or undefined. */
export function agencyByCode(code: string): Agency | undefined {
  return agenciesByCode.get(code);
}

/** The fund an agency belongs to, or undefined for an unknown agency code. */
export function fundOfAgency(code: string): Fund | undefined {
  return fundsByAgency.get(code);
}
