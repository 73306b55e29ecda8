/**
 * Demo personas: insured people whose situations cover the product's segments, and one staff member per
 * role, all with a known password. Birth dates follow "today" so the ages stay as described; NIRs use the
 * order numbers reserved for personas (990 and up), so they never collide with a generated population.
 * Creating them twice changes nothing: each is looked up by its login first.
 */

import { hash } from "@node-rs/argon2";
import type { StaffRole } from "../access/index.ts";
import { nirKey } from "../identity/index.ts";
import type { Database, RawConnection } from "../platform/db.ts";
import { quartersFromSalary, socialSecurityCeiling } from "../rules/index.ts";
import { dayNumber, pack, packedFromDay, parseIsoDate, unpack, yearOf } from "./calendar.ts";
import { ABROAD, CareerDraft, GENERAL, minimumFullTimeWage, SELF_EMPLOYED } from "./career.ts";
import { RowWriter } from "./copyText.ts";
import { FIRST_RESERVED_ORDER, siretFor } from "./generator.ts";
import { insertRows, todayInParis } from "./loader.ts";
import { childQuartersPerChild, coveredPension, legalStartDate, writePayments } from "./pension.ts";
import type { TableRows } from "./tables.ts";

/** The password of every demo account (never valid outside a demo database). */
export const DEMO_PASSWORD = "Parcours-demo-2026";
const DOMAIN = "parcours.test";

export interface Persona {
  readonly kind: "insured" | "staff";
  /** What the persona shows, in French, for the README and the start banner. */
  readonly description: string;
  readonly login: string;
  readonly password: string;
  readonly role?: StaffRole;
  readonly fund?: string;
}

interface Segment {
  readonly fromAge: number;
  /** Inclusive; absent: up to last year. */
  readonly toAge?: number;
  readonly scheme: number;
  /** Yearly earnings as a share of the PASS. */
  readonly level: number;
  readonly credited?: "unemployment" | "sickness" | "military";
}

interface InsuredSpec {
  readonly login: string;
  readonly description: string;
  readonly sex: "F" | "M";
  readonly firstNames: string;
  readonly lastName: string;
  readonly birthName?: string;
  readonly age: number;
  /** Month and day of birth; the year follows from `age` and today. */
  readonly birthday: readonly [number, number];
  readonly birthDepartment: string;
  readonly birthPlace: string;
  /** Commune (or country) code of the NIR. */
  readonly birthCommune: number;
  readonly address: readonly [line: string, postcode: string, town: string, country: string];
  readonly department: string;
  readonly fund: string;
  readonly phone: string;
  readonly flags?: Partial<
    Record<"aah" | "rsa" | "invalidity" | "disability" | "abroad" | "selfEmployed" | "fragile", boolean>
  >;
  readonly career: readonly Segment[];
  readonly children?: readonly (readonly [firstName: string, parentAge: number])[];
  readonly union?: {
    readonly kind: "marriage" | "pacs" | "cohabitation";
    readonly partner: string;
    readonly partnerAgeGap: number;
    readonly fromAge: number;
    readonly endedMonthsAgo?: number;
    readonly endReason?: "divorce" | "death";
  };
  /** Retired at the legal age, with a pension and its payments. */
  readonly retired?: boolean;
}

const insuredSpecs: readonly InsuredSpec[] = [
  {
    login: `lea.moreau@${DOMAIN}`,
    description: "Léa Moreau, 34 ans, salariée (née en Corse, 2B)",
    sex: "F",
    firstNames: "Léa Camille",
    lastName: "Moreau",
    age: 34,
    birthday: [3, 14],
    birthDepartment: "2B",
    birthPlace: "Bastia",
    birthCommune: 33,
    address: ["12 rue Sainte-Catherine", "33000", "Bordeaux", "France"],
    department: "33",
    fund: "carsat-aquitaine",
    phone: "0639980001",
    career: [{ fromAge: 22, scheme: GENERAL, level: 0.6 }],
  },
  {
    login: `karim.benali@${DOMAIN}`,
    description: "Karim Benali, 50 ans, carrière mixte salarié puis indépendant",
    sex: "M",
    firstNames: "Karim",
    lastName: "Benali",
    age: 50,
    birthday: [6, 2],
    birthDepartment: "69",
    birthPlace: "Lyon",
    birthCommune: 383,
    address: ["8 rue de la République", "69002", "Lyon", "France"],
    department: "69",
    fund: "carsat-rhone-alpes",
    phone: "0639980002",
    flags: { selfEmployed: true },
    career: [
      { fromAge: 20, toAge: 35, scheme: GENERAL, level: 0.7 },
      { fromAge: 36, scheme: SELF_EMPLOYED, level: 0.8 },
    ],
    children: [
      ["Yanis", 30],
      ["Inès", 33],
    ],
    union: { kind: "marriage", partner: "Samira Benali", partnerAgeGap: -2, fromAge: 28 },
  },
  {
    login: `jean-pierre.lefevre@${DOMAIN}`,
    description: "Jean-Pierre Lefèvre, 61 ans, carrière longue commencée à 17 ans",
    sex: "M",
    firstNames: "Jean-Pierre Louis",
    lastName: "Lefèvre",
    age: 61,
    birthday: [2, 9],
    birthDepartment: "59",
    birthPlace: "Roubaix",
    birthCommune: 512,
    address: ["27 rue du Moulin", "59100", "Roubaix", "France"],
    department: "59",
    fund: "carsat-hauts-de-france",
    phone: "0639980003",
    career: [
      { fromAge: 17, toAge: 19, scheme: GENERAL, level: 0.45 },
      { fromAge: 20, toAge: 20, scheme: GENERAL, level: 0, credited: "military" },
      { fromAge: 21, scheme: GENERAL, level: 0.55 },
    ],
    children: [["Julien", 26]],
    union: { kind: "marriage", partner: "Sylvie Lefèvre", partnerAgeGap: -1, fromAge: 24 },
  },
  {
    login: `nadia.haddad@${DOMAIN}`,
    description: "Nadia Haddad, 63 ans, allocataire de l'AAH (parcours attentionné)",
    sex: "F",
    firstNames: "Nadia",
    lastName: "Haddad",
    age: 63,
    birthday: [9, 21],
    birthDepartment: "13",
    birthPlace: "Marseille",
    birthCommune: 55,
    address: ["4 impasse des Lilas", "13003", "Marseille", "France"],
    department: "13",
    fund: "carsat-sud-est",
    phone: "0639980004",
    flags: { aah: true, disability: true, fragile: true },
    career: [
      { fromAge: 19, toAge: 31, scheme: GENERAL, level: 0.45 },
      { fromAge: 32, toAge: 34, scheme: GENERAL, level: 0, credited: "unemployment" },
      { fromAge: 35, toAge: 36, scheme: GENERAL, level: 0.1, credited: "sickness" },
    ],
  },
  {
    login: `monique.garnier@${DOMAIN}`,
    description: "Monique Garnier, 74 ans, retraitée (pension et paiements)",
    sex: "F",
    firstNames: "Monique Jeanne",
    lastName: "Garnier",
    birthName: "Le Gall",
    age: 74,
    birthday: [4, 30],
    birthDepartment: "35",
    birthPlace: "Rennes",
    birthCommune: 238,
    address: ["3 allée des Tilleuls", "35000", "Rennes", "France"],
    department: "35",
    fund: "carsat-bretagne",
    phone: "0639980005",
    career: [{ fromAge: 18, scheme: GENERAL, level: 0.5 }],
    children: [
      ["Isabelle", 24],
      ["Laurent", 27],
    ],
    union: { kind: "marriage", partner: "Bernard Garnier", partnerAgeGap: 2, fromAge: 22 },
    retired: true,
  },
  {
    login: `francoise.dubois@${DOMAIN}`,
    description: "Françoise Dubois, 58 ans, veuve depuis un an",
    sex: "F",
    firstNames: "Françoise Marie",
    lastName: "Dubois",
    birthName: "Perrin",
    age: 58,
    birthday: [11, 5],
    birthDepartment: "44",
    birthPlace: "Nantes",
    birthCommune: 109,
    address: ["15 rue de la Paix", "44000", "Nantes", "France"],
    department: "44",
    fund: "carsat-pays-de-la-loire",
    phone: "0639980006",
    flags: { fragile: true },
    career: [
      { fromAge: 20, toAge: 29, scheme: GENERAL, level: 0.55 },
      { fromAge: 30, scheme: GENERAL, level: 0.4 },
    ],
    children: [
      ["Claire", 27],
      ["Thomas", 30],
    ],
    union: {
      kind: "marriage",
      partner: "Philippe Dubois",
      partnerAgeGap: 3,
      fromAge: 24,
      endedMonthsAgo: 12,
      endReason: "death",
    },
  },
  {
    login: `antonio.ferreira@${DOMAIN}`,
    description: "António Ferreira, 67 ans, retraité vivant au Portugal",
    sex: "M",
    firstNames: "António José",
    lastName: "Ferreira",
    age: 67,
    birthday: [7, 18],
    birthDepartment: "99",
    birthPlace: "Portugal",
    birthCommune: 139,
    address: ["Rua Augusta 112", "1100-053", "Lisboa", "Portugal"],
    department: "75",
    fund: "cnav-idf",
    phone: "0639980007",
    flags: { abroad: true },
    career: [
      { fromAge: 20, toAge: 49, scheme: GENERAL, level: 0.55 },
      { fromAge: 50, scheme: ABROAD, level: 0 },
    ],
    union: { kind: "marriage", partner: "Maria Ferreira", partnerAgeGap: -3, fromAge: 26 },
    retired: true,
  },
  {
    login: `sophie.laurent@${DOMAIN}`,
    description: "Sophie Laurent, 45 ans, curatrice de Nadia Haddad",
    sex: "F",
    firstNames: "Sophie",
    lastName: "Laurent",
    age: 45,
    birthday: [1, 25],
    birthDepartment: "13",
    birthPlace: "Aix-en-Provence",
    birthCommune: 1,
    address: ["40 boulevard Carnot", "13100", "Aix-en-Provence", "France"],
    department: "13",
    fund: "carsat-sud-est",
    phone: "0639980008",
    career: [{ fromAge: 23, scheme: GENERAL, level: 0.75 }],
  },
];

/** The represented person and the representative, by login, with the mandate between them. */
const mandate = {
  representative: `sophie.laurent@${DOMAIN}`,
  represented: `nadia.haddad@${DOMAIN}`,
  kind: "curatorship",
  scope: "assistance",
  yearsAgo: 3,
} as const;

const staffSpecs: readonly {
  readonly login: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly fund: string | null;
  readonly description: string;
}[] = [
  {
    login: `conseiller@${DOMAIN}`,
    name: "Paul Mercier",
    role: "advisor",
    fund: "carsat-aquitaine",
    description: "Conseiller retraite, Carsat Aquitaine",
  },
  {
    login: `technicien@${DOMAIN}`,
    name: "Céline Roux",
    role: "case_worker",
    fund: "carsat-aquitaine",
    description: "Technicienne retraite, Carsat Aquitaine",
  },
  {
    // Jean-Pierre Lefèvre's fund: his retirement claim lands in this case worker's queue.
    login: `technicien.hdf@${DOMAIN}`,
    name: "Julien Lemaire",
    role: "case_worker",
    fund: "carsat-hauts-de-france",
    description: "Technicien retraite, Carsat Hauts-de-France",
  },
  {
    login: `reclamations@${DOMAIN}`,
    name: "Marc Fontaine",
    role: "complaint_handler",
    fund: "carsat-aquitaine",
    description: "Chargé des réclamations, Carsat Aquitaine",
  },
  {
    login: `action-sociale@${DOMAIN}`,
    name: "Aurélie Blanc",
    role: "social_worker",
    fund: "carsat-aquitaine",
    description: "Travailleuse sociale, Carsat Aquitaine",
  },
  {
    login: `pilote.aquitaine@${DOMAIN}`,
    name: "Hélène Faure",
    role: "fund_manager",
    fund: "carsat-aquitaine",
    description: "Pilote de la Carsat Aquitaine",
  },
  {
    login: `pilote.idf@${DOMAIN}`,
    name: "Olivier Garcia",
    role: "fund_manager",
    fund: "cnav-idf",
    description: "Pilote de la CNAV Île-de-France",
  },
  {
    login: `pilote.national@${DOMAIN}`,
    name: "Catherine Lambert",
    role: "national_manager",
    fund: null,
    description: "Pilote national (toutes les caisses)",
  },
  {
    login: `admin@${DOMAIN}`,
    name: "Nicolas Girard",
    role: "administrator",
    fund: null,
    description: "Administrateur",
  },
];

export const personas: readonly Persona[] = [
  ...insuredSpecs.map(
    (spec): Persona => ({
      kind: "insured",
      description: spec.description,
      login: spec.login,
      password: DEMO_PASSWORD,
    }),
  ),
  ...staffSpecs.map(
    (spec): Persona => ({
      kind: "staff",
      description: spec.description,
      login: spec.login,
      password: DEMO_PASSWORD,
      role: spec.role,
      ...(spec.fund ? { fund: spec.fund } : {}),
    }),
  ),
];

/** Employers of the personas: fixed SIRETs far above those of generated employers. */
const PERSONA_EMPLOYER_INDEX = 9_000_000;
const personaEmployers = ["Transports Lefèvre SAS", "Clinique du Parc SA", "Boulangerie Moreau SARL"];

// ---------------------------------------------------------------- building rows

function birthDateFor(spec: InsuredSpec, today: number): number {
  const [month, day] = spec.birthday;
  const birthdayPassed = month * 100 + day <= today % 10000;
  return (yearOf(today) - spec.age - (birthdayPassed ? 0 : 1)) * 10000 + month * 100 + day;
}

function nirFor(spec: InsuredSpec, birth: number, order: number): string {
  const department = spec.birthDepartment === "99" ? "99" : spec.birthDepartment;
  const thirteen = `${spec.sex === "F" ? 2 : 1}${String(yearOf(birth) % 100).padStart(2, "0")}${String(
    Math.floor(birth / 100) % 100,
  ).padStart(2, "0")}${department}${String(spec.birthCommune).padStart(3, "0")}${order}`;
  return `${thirteen}${nirKey(thirteen)}`;
}

function careerOf(
  spec: InsuredSpec,
  birth: number,
  lastYear: number,
  employers: readonly number[],
): CareerDraft {
  const draft = new CareerDraft();
  const birthYear = yearOf(birth);
  for (const [index, segment] of spec.career.entries()) {
    const employer = employers[index % employers.length] ?? 0;
    const to = Math.min(birthYear + (segment.toAge ?? 200), lastYear);
    for (let year = birthYear + segment.fromAge; year <= to; year++) {
      const age = year - birthYear;
      // A modest rise with seniority, as in the generated careers.
      const level = segment.level * (1 + Math.min(age - segment.fromAge, 25) * 0.012);
      let salary = Math.round(level * socialSecurityCeiling(year));
      if (segment.scheme === GENERAL && level >= 0.42)
        salary = Math.max(salary, Math.round(minimumFullTimeWage(year)));
      const contributed = segment.scheme === ABROAD ? 4 : Math.min(4, quartersFromSalary(year, salary));
      const credited = 4 - contributed;
      draft.add(
        year,
        segment.scheme,
        segment.scheme === GENERAL && salary > 0 ? employer : 0,
        salary,
        contributed,
        segment.credited === "unemployment" ? credited : 0,
        segment.credited === "sickness" ? credited : 0,
        0,
        segment.credited === "military" ? credited : 0,
      );
    }
  }
  return draft;
}

async function nextId(connection: RawConnection, table: string): Promise<number> {
  const [row] = await connection.query<{ id: number }>(
    `select nextval(pg_get_serial_sequence('${table}', 'id'))::bigint as id`,
  );
  return Number(row?.id);
}

async function personaEmployerIds(connection: RawConnection): Promise<number[]> {
  const ids: number[] = [];
  for (const [index, name] of personaEmployers.entries()) {
    const siret = siretFor(PERSONA_EMPLOYER_INDEX + index);
    await connection.query(
      `insert into employer (id, name, siret)
       select coalesce(max(id), 0) + 1, $1, $2 from employer
       on conflict (siret) do nothing`,
      [name, siret],
    );
    const [row] = await connection.query<{ id: number }>("select id from employer where siret = $1", [siret]);
    ids.push(Number(row?.id));
  }
  return ids;
}

function rows(writer: RowWriter, table: TableRows["table"]): TableRows {
  return { table, bytes: writer.view(), rows: writer.rows };
}

async function createInsured(
  connection: RawConnection,
  spec: InsuredSpec,
  order: number,
  today: number,
  employers: readonly number[],
  passwordHash: string,
): Promise<void> {
  const id = await nextId(connection, "insured");
  const birth = birthDateFor(spec, today);
  const birthYear = yearOf(birth);
  const flags = spec.flags ?? {};
  const insured = new RowWriter();
  insured
    .int(id)
    .tab()
    .text(nirFor(spec, birth, order))
    .tab()
    .text(spec.sex)
    .tab();
  insured
    .text(spec.birthName ?? spec.lastName)
    .tab()
    .text(spec.lastName)
    .tab()
    .text(spec.firstNames)
    .tab();
  insured.date(birth).tab().text(spec.birthDepartment).tab().text(spec.birthPlace).tab();
  for (const part of spec.address) insured.text(part).tab();
  insured.text(spec.department).tab().text(spec.fund).tab().text(spec.login).tab().text(spec.phone).tab();
  insured
    .bool(true)
    .tab()
    .bool(true)
    .tab()
    .bool(flags.aah === true)
    .tab()
    .bool(flags.rsa === true)
    .tab();
  insured
    .bool(flags.invalidity === true)
    .tab()
    .bool(flags.disability === true)
    .tab()
    .bool(flags.abroad === true);
  insured
    .tab()
    .bool(flags.selfEmployed === true)
    .tab()
    .bool(flags.fragile === true)
    .end();
  await insertRows(connection, rows(insured, "insured"));
  await connection.query(
    "insert into account (insured_id, email, password_hash, email_verified_at) values ($1, $2, $3, now())",
    [id, spec.login, passwordHash],
  );

  const children = new RowWriter();
  const childQuarters = new RowWriter();
  const childBirths: number[] = [];
  for (const [firstName, parentAge] of spec.children ?? []) {
    const childId = await nextId(connection, "child");
    const childBirth = packedFromDay(dayNumber(birthYear + parentAge, 5, 1) + childBirths.length * 97);
    childBirths.push(childBirth);
    children.int(childId).tab().int(id).tab().text(firstName).tab().date(childBirth).tab().bool(false).end();
    if (spec.sex === "F") {
      const half = childQuartersPerChild / 2;
      childQuarters.int(id).tab().int(childId).tab().text("maternity").tab().int(half).end();
      childQuarters
        .int(id)
        .tab()
        .int(childId)
        .tab()
        .text("education")
        .tab()
        .int(childQuartersPerChild - half)
        .end();
    }
  }
  await insertRows(connection, rows(children, "child"));
  await insertRows(connection, rows(childQuarters, "child_quarters"));

  if (spec.union) {
    const union = spec.union;
    const partnership = new RowWriter();
    const started = birth + union.fromAge * 10000;
    partnership
      .int(await nextId(connection, "partnership"))
      .tab()
      .int(id)
      .tab()
      .text(union.kind)
      .tab();
    partnership
      .text(union.partner)
      .tab()
      .date(birth - union.partnerAgeGap * 10000)
      .tab();
    partnership.date(started).tab();
    if (union.endReason && union.endedMonthsAgo !== undefined) {
      const ended = packedFromDay(
        dayNumber(yearOf(today), Math.floor(today / 100) % 100, 1) - union.endedMonthsAgo * 30,
      );
      partnership.date(ended).tab().text(union.endReason).end();
    } else {
      partnership.null().tab().null().end();
    }
    await insertRows(connection, rows(partnership, "partnership"));
  }

  const career = careerOf(spec, birth, yearOf(today) - 1, employers);
  if (spec.retired) {
    const start = pack(legalStartDate(unpack(birth)));
    career.cutAt(start);
    const born = childBirths.filter((date) => date < start).length;
    const pension = coveredPension({
      birth: unpack(birth),
      start: unpack(start),
      career: career.toRules(),
      mother: spec.sex === "F",
      children: born,
      childQuarters: spec.sex === "F" ? born * childQuartersPerChild : 0,
    });
    const pensionRow = new RowWriter();
    pensionRow
      .int(id)
      .tab()
      .text("own_right")
      .tab()
      .date(start)
      .tab()
      .cents(Math.round(pension.averageSalary * 100));
    pensionRow.tab().text(pension.rate.toFixed(4)).tab().int(pension.quartersGeneral).tab();
    pensionRow.int(pension.quartersRequired).tab().cents(pension.monthlyCents).end();
    await insertRows(connection, rows(pensionRow, "pension"));
    const payments = new RowWriter();
    writePayments(payments, id, start, pension.monthlyCents, today, spec.fund);
    await insertRows(connection, rows(payments, "pension_payment"));
  }
  const careerRows = new RowWriter();
  career.write(careerRows, id);
  await insertRows(connection, rows(careerRows, "career_year"));
}

async function insuredIdOf(connection: RawConnection, login: string): Promise<number | undefined> {
  const [row] = await connection.query<{ id: number }>(
    "select insured_id as id from account where email = $1",
    [login],
  );
  return row ? Number(row.id) : undefined;
}

/**
 * Creates the demo personas missing from the database (insured people with their account, career,
 * family and pension; staff with their role), in one transaction. `today` (YYYY-MM-DD) defaults to today.
 */
export async function createPersonas(database: Database, options: { today?: string } = {}): Promise<void> {
  const today = parseIsoDate(options.today ?? todayInParis());
  const passwordHash = () => hash(DEMO_PASSWORD);
  await database.withConnection(async (connection) => {
    await connection.exec("begin");
    try {
      const employers = await personaEmployerIds(connection);
      for (const [index, spec] of insuredSpecs.entries()) {
        if ((await insuredIdOf(connection, spec.login)) !== undefined) continue;
        await createInsured(
          connection,
          spec,
          FIRST_RESERVED_ORDER + index,
          today,
          employers,
          await passwordHash(),
        );
      }
      const representative = await insuredIdOf(connection, mandate.representative);
      const represented = await insuredIdOf(connection, mandate.represented);
      const existing = await connection.query(
        "select 1 from representative_mandate where representative_id = $1 and represented_id = $2",
        [representative, represented],
      );
      if (existing.length === 0) {
        await connection.query(
          `insert into representative_mandate (representative_id, represented_id, kind, scope, starts_on)
           values ($1, $2, $3, $4, $5)`,
          [
            representative,
            represented,
            mandate.kind,
            mandate.scope,
            `${yearOf(today) - mandate.yearsAgo}-01-15`,
          ],
        );
      }
      for (const spec of staffSpecs) {
        const found = await connection.query("select 1 from staff where email = $1", [spec.login]);
        if (found.length > 0) continue;
        await connection.query(
          "insert into staff (email, display_name, role, fund_code, password_hash) values ($1, $2, $3, $4, $5)",
          [spec.login, spec.name, spec.role, spec.fund, await passwordHash()],
        );
      }
      await connection.exec("commit");
    } catch (error) {
      await connection.exec("rollback");
      throw error;
    }
  });
}
