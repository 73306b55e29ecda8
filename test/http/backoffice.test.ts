import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { hash } from "@node-rs/argon2";
import { sql } from "kysely";
import type { StaffRole } from "../../src/access/index.ts";
import { type Action, STAFF_ACTIONS } from "../../src/access/policy.ts";
import { search } from "../../src/backoffice/service.ts";
import { nirKey } from "../../src/identity/index.ts";
import { createPersonas, DEMO_PASSWORD } from "../../src/population/index.ts";
import { csrfOf, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { staffLogin } from "../helpers/staff.ts";

const BIRTH_DATE = "1960-05-05";

function nirOf(sex: 1 | 2, order: number): string {
  const thirteen = `${sex}600533063${String(order).padStart(3, "0")}`;
  return `${thirteen}${nirKey(thirteen)}`;
}

/** People born on the same day with the same name, in two funds, and a few with accents or a birth name. */
async function addNamesakes(t: TestApp): Promise<void> {
  const people: [lastName: string, birthName: string, firstNames: string, fund: string][] = [
    ...Array.from({ length: 25 }, (_, n): [string, string, string, string] => [
      "Martin",
      "Martin",
      `Prénom${String.fromCharCode(65 + n)}`,
      "carsat-aquitaine",
    ]),
    ["Durand", "Martin", "Élise", "carsat-aquitaine"],
    ["Lefèvre", "Lefèvre", "Anaïs", "carsat-aquitaine"],
    ...Array.from({ length: 3 }, (_, n): [string, string, string, string] => [
      "Martin",
      "Martin",
      `Francilien${n}`,
      "cnav-idf",
    ]),
  ];
  for (const [index, [lastName, birthName, firstNames, fund]] of people.entries()) {
    await sql`insert into insured (nir, sex, birth_name, last_name, first_names, birth_date, birth_department,
        birth_place, address_line, postcode, town, department, fund_code)
      values (${nirOf(2, 100 + index)}, 'F', ${birthName}, ${lastName}, ${firstNames}, ${BIRTH_DATE}, '33',
        'Bordeaux', '1 rue du Test', '33000', 'Bordeaux', ${fund === "cnav-idf" ? "75" : "33"}, ${fund})`.execute(
      t.database.db,
    );
  }
}

async function insuredIdByEmail(t: TestApp, email: string): Promise<{ id: number; nir: string }> {
  const { rows } = await sql<{
    id: number;
    nir: string;
  }>`select i.id, i.nir from insured i join account a on a.insured_id = i.id where a.email = ${email}`.execute(
    t.database.db,
  );
  const row = rows[0];
  if (!row) throw new Error(`no persona ${email}`);
  return { id: row.id, nir: row.nir.trim() };
}

async function auditRows(t: TestApp, action: string, insuredId: number) {
  const { rows } = await sql<{
    actor_kind: string;
    actor_id: number | null;
    reason: string | null;
    details: Record<string, unknown> | null;
  }>`select actor_kind, actor_id, reason, details from audit_log where action = ${action} and insured_id = ${insuredId} order by id`.execute(
    t.database.db,
  );
  return rows;
}

async function staffId(t: TestApp, email: string): Promise<number> {
  const { rows } = await sql<{ id: number }>`select id from staff where email = ${email}`.execute(
    t.database.db,
  );
  return rows[0]?.id as number;
}

const resultNames = (body: string) =>
  [
    ...body.matchAll(
      /<td><a href="\/agent\/assures\/\d+">([^<]+)<\/a>(?:<br>[^<]*<span[^>]*>[^<]*<\/span>)?<\/td>\s*<td>([^<]+)<\/td>/g,
    ),
  ].map((m) => `${m[1]} ${m[2]}`);

for (const engine of testEngines) {
  describe(`back-office search and 360° page (${engine})`, () => {
    let t: TestApp;
    let advisor: Visitor;
    let lea: { id: number; nir: string };
    let antonio: { id: number; nir: string };
    before(async () => {
      t = await openTestApp(engine);
      await createPersonas(t.database);
      await addNamesakes(t);
      lea = await insuredIdByEmail(t, "lea.moreau@parcours.test");
      antonio = await insuredIdByEmail(t, "antonio.ferreira@parcours.test");
      advisor = new Visitor(t.app);
      await staffLogin(advisor, "conseiller@parcours.test");
    });
    after(async () => t.close());

    test("search by NIR, typed with spaces, shows the person with a partly masked NIR", async () => {
      const spaced = `${lea.nir.slice(0, 1)} ${lea.nir.slice(1, 3)} ${lea.nir.slice(3, 5)} ${lea.nir.slice(5, 7)} ${lea.nir.slice(7, 10)} ${lea.nir.slice(10, 13)} ${lea.nir.slice(13)}`;
      const found = await advisor.submit("/agent", "/agent/recherche", { nir: spaced });
      assert.equal(found.statusCode, 200);
      assert.deepEqual(resultNames(found.body), ["MOREAU Léa Camille"]);
      assert.ok(found.body.includes(`href="/agent/assures/${lea.id}"`));
      const table = /<tbody>[\s\S]*<\/tbody>/.exec(found.body)?.[0] ?? "";
      assert.ok(table.includes(`${lea.nir.slice(7, 10)} ••• ••`), "order and key hidden");
      assert.ok(!table.includes(`${lea.nir.slice(10, 13)} ${lea.nir.slice(13)}`));
      assert.match(found.body, /Carsat Aquitaine/);
    });

    test("a wrong NIR gets a precise French message tied to the field, the value kept", async () => {
      const wrongKey = `${lea.nir.slice(0, 13)}${lea.nir.slice(13) === "01" ? "02" : "01"}`;
      const refused = await advisor.submit("/agent", "/agent/recherche", { nir: wrongKey });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /La clé \(les 2 derniers chiffres\) ne correspond pas au numéro/);
      assert.match(
        refused.body,
        /aria-describedby="nir-messages"[^>]*>[\s\S]*?id="nir-messages"[^>]*><p class="fr-message fr-message--error" id="nir-error">/,
      );
      assert.ok(refused.body.includes(`value="${wrongKey}"`));
      const short = await advisor.submit("/agent", "/agent/recherche", { nir: "1 60 05" });
      assert.match(short.body, /compte 15 caractères/);
    });

    test("search by name and birth date pages by key, in the advisor's fund only", async () => {
      const first = await advisor.submit("/agent", "/agent/recherche", {
        nom: "martin",
        naissance: "05/05/1960",
      });
      assert.equal(first.statusCode, 200);
      const page1 = resultNames(first.body);
      assert.equal(page1.length, 20);
      assert.match(first.body, /Résultats suivants/);
      const cursor = /name="apres" value="([^"]+)"/.exec(first.body)?.[1] as string;
      const second = await advisor.post("/agent/recherche", {
        _csrf: csrfOf(first.body),
        nir: "",
        nom: "martin",
        prenom: "",
        naissance: "05/05/1960",
        apres: cursor,
      });
      const page2 = resultNames(second.body);
      // 25 Martin and 1 person born Martin, in Aquitaine; the 3 in Île-de-France are out of scope.
      assert.equal(page1.length + page2.length, 26);
      assert.ok(page2.every((name) => !page1.includes(name)));
      assert.ok([...page1, ...page2].every((name) => !name.includes("Francilien")));
      assert.ok([...page1, ...page2].includes("DURAND Élise"), "found by birth name");
      assert.doesNotMatch(second.body, /Résultats suivants/);

      const narrowed = await advisor.submit("/agent", "/agent/recherche", {
        nom: "MART",
        prenom: "prenomc",
        naissance: "1960-05-05",
      });
      assert.deepEqual(resultNames(narrowed.body), ["MARTIN PrénomC"]);
      const accents = await advisor.submit("/agent", "/agent/recherche", {
        nom: "LEFEVRE",
        naissance: "5/5/1960",
      });
      assert.deepEqual(resultNames(accents.body), ["LEFÈVRE Anaïs"]);
    });

    test("name search needs a name and a valid birth date, with French messages", async () => {
      const refused = await advisor.submit("/agent", "/agent/recherche", {
        nom: "m",
        naissance: "31/02/1960",
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /au moins 2 lettres/);
      assert.match(refused.body, /La date de naissance n&#39;est pas valide/);
      assert.match(
        refused.body,
        /aria-describedby="naissance-messages"[^>]*>[\s\S]*?id="naissance-messages"[^>]*><p class="fr-message fr-message--error" id="naissance-error">/,
      );
      assert.match(refused.body, /value="31\/02\/1960"/);
    });

    test("an advisor of Aquitaine cannot find nor open a person of Île-de-France; the attempt is audited", async () => {
      const found = await advisor.submit("/agent", "/agent/recherche", { nir: antonio.nir });
      assert.equal(found.statusCode, 200);
      assert.deepEqual(resultNames(found.body), []);
      assert.match(found.body, /Aucun assuré ne correspond/);

      const direct = await advisor.get(`/agent/assures/${antonio.id}`);
      assert.equal(direct.statusCode, 403);
      assert.match(direct.body, /Ce dossier relève d&#39;une autre caisse que la vôtre/);
      const posted = await advisor.post(`/agent/assures/${antonio.id}`, {
        _csrf: csrfOf(direct.body),
        reason: "phone_call",
      });
      assert.equal(posted.statusCode, 403);
      assert.doesNotMatch(posted.body, /Ferreira/i);
      const refusals = await auditRows(t, "refused:insured.read", antonio.id);
      assert.equal(refusals.length, 2);
      assert.equal(refusals[0]?.actor_id, await staffId(t, "conseiller@parcours.test"));
      assert.equal(refusals[0]?.reason, "fund");
      assert.equal((await auditRows(t, "insured.read", antonio.id)).length, 0);
    });

    test("a national scope sees every fund", async () => {
      const national = { kind: "staff", staffId: 1, role: "advisor", fundCode: null } as const;
      const criteria = {
        by: "name",
        lastName: "MARTIN",
        firstName: undefined,
        birthDate: BIRTH_DATE,
      } as const;
      const first = await search(t.database.db, national, criteria, undefined);
      const second = await search(t.database.db, national, criteria, first.next);
      const names = [...first.hits, ...second.hits].map((hit) => hit.firstNames);
      assert.equal(names.length, 29);
      assert.ok(names.includes("Francilien0"));
      assert.equal(second.next, undefined);
    });

    test("the 360° page asks for a reason first, then shows the file and records who, whose file and why", async () => {
      const form = await advisor.get(`/agent/assures/${lea.id}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Motif de consultation/);
      assert.doesNotMatch(form.body, /Coordonnées/);

      const noReason = await advisor.post(`/agent/assures/${lea.id}`, {
        _csrf: csrfOf(form.body),
        comment: "rappel demandé",
      });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Choisissez le motif de consultation du dossier/);
      assert.match(noReason.body, />rappel demandé<\/textarea>/, "what was typed is kept");
      const otherWithoutWords = await advisor.post(`/agent/assures/${lea.id}`, {
        _csrf: csrfOf(form.body),
        reason: "other",
        comment: "",
      });
      assert.match(otherWithoutWords.body, /Précisez le motif de consultation/);
      assert.match(otherWithoutWords.body, /id="motif-other" name="reason" value="other" checked/);
      assert.equal((await auditRows(t, "insured.read", lea.id)).length, 0, "no opening without a reason");

      const opened = await advisor.post(`/agent/assures/${lea.id}`, {
        _csrf: csrfOf(form.body),
        reason: "phone_call",
        comment: "question sur ses trimestres",
      });
      assert.equal(opened.statusCode, 200);
      for (const heading of [
        "Identité",
        "Situation",
        "Coordonnées",
        "Carrière",
        "Dossiers",
        "Historique des contacts",
      ]) {
        assert.match(opened.body, new RegExp(`<h2 id="[a-z]+">${heading}</h2>`), heading);
      }
      assert.match(opened.body, /Cette rubrique listera les dossiers/);
      assert.match(opened.body, /Cette rubrique listera les contacts/);
      assert.match(opened.body, /trimestres validés/);
      assert.match(opened.body, /Bastia \(2B\)/);
      assert.doesNotMatch(opened.body, /Retraite en paiement/);

      const [entry] = await auditRows(t, "insured.read", lea.id);
      assert.equal(entry?.actor_kind, "staff");
      assert.equal(entry?.actor_id, await staffId(t, "conseiller@parcours.test"));
      assert.equal(entry?.reason, "Appel de l'assuré (3960) : question sur ses trimestres");
      assert.deepEqual(entry?.details, { reason: "phone_call", channel: "page" });
    });

    test("a retiree's file shows the pensions in payment to an advisor of their fund", async () => {
      await sql`insert into staff (email, display_name, role, fund_code, password_hash)
        values ('conseil.bretagne@carsat.fr', 'Yann Le Goff', 'advisor', 'carsat-bretagne', ${await hash(DEMO_PASSWORD)})`.execute(
        t.database.db,
      );
      const breton = new Visitor(t.app);
      await staffLogin(breton, "conseil.bretagne@carsat.fr");
      const monique = await insuredIdByEmail(t, "monique.garnier@parcours.test");
      const form = await breton.get(`/agent/assures/${monique.id}`);
      const opened = await breton.post(`/agent/assures/${monique.id}`, {
        _csrf: csrfOf(form.body),
        reason: "appointment",
      });
      assert.equal(opened.statusCode, 200);
      assert.match(opened.body, /Retraite en paiement/);
      assert.match(opened.body, /Retraite de base \(droit propre\)/);
    });

    test("the JSON API: session and CSRF token, search with pagination, opening with a reason, French errors", async () => {
      const session = await advisor.get("/api/v1/agent/session");
      assert.equal(session.statusCode, 200);
      const { csrfToken, staff } = session.json();
      assert.equal(staff.role, "advisor");
      assert.equal(staff.fundCode, "carsat-aquitaine");
      const post = (url: string, payload: unknown) =>
        t.app.inject({
          method: "POST",
          url,
          payload: payload as Record<string, unknown>,
          headers: {
            "x-csrf-token": csrfToken,
            cookie: [...advisor.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
          },
        });

      const first = await post("/api/v1/agent/insured/search", { lastName: "Martin", birthDate: BIRTH_DATE });
      assert.equal(first.statusCode, 200);
      const page1 = first.json();
      assert.equal(page1.results.length, 20);
      assert.match(page1.results[0].maskedNir, /••• ••$/);
      const page2 = (
        await post("/api/v1/agent/insured/search", {
          lastName: "Martin",
          birthDate: BIRTH_DATE,
          after: page1.next,
        })
      ).json();
      assert.equal(page2.results.length, 6);
      assert.equal(page2.next, null);

      const missing = await post("/api/v1/agent/insured/search", { lastName: "Martin" });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().error.code, "invalid_criteria");
      assert.match(missing.json().error.message, /Indiquez la date de naissance/);
      const tooLong = await post("/api/v1/agent/insured/search", {
        lastName: "M".repeat(101),
        birthDate: BIRTH_DATE,
      });
      assert.equal(tooLong.statusCode, 400);
      assert.equal(
        tooLong.json().error.message,
        "Le champ « lastName » est trop long (100 caractères au plus).",
      );
      const badDate = await post("/api/v1/agent/insured/search", {
        lastName: "Martin",
        birthDate: "05/05/1960",
      });
      assert.match(badDate.json().error.message, /au format AAAA-MM-JJ/);

      const noReason = await post(`/api/v1/agent/insured/${lea.id}/openings`, {});
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json().error.message, "Le champ « reason » est obligatoire.");
      const unknownReason = await post(`/api/v1/agent/insured/${lea.id}/openings`, { reason: "curiosite" });
      assert.equal(unknownReason.statusCode, 400);
      assert.match(unknownReason.json().error.message, /^Le champ « reason » doit valoir : phone_call, /);
      const opened = await post(`/api/v1/agent/insured/${lea.id}/openings`, { reason: "mail" });
      assert.equal(opened.statusCode, 201);
      assert.equal(opened.json().insured.nir, lea.nir);
      assert.equal(typeof opened.json().careerSummary.totalQuarters, "number");
      const audit = await auditRows(t, "insured.read", lea.id);
      assert.deepEqual(audit.at(-1)?.details, { reason: "mail", channel: "api" });

      const otherFund = await post(`/api/v1/agent/insured/${antonio.id}/openings`, { reason: "mail" });
      assert.equal(otherFund.statusCode, 403);
      assert.equal(otherFund.json().error.code, "forbidden");
      const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/agent/session" });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.json().error.code, "login_required");
    });

    test("the OpenAPI document describes the staff API", async () => {
      const paths = (await t.app.inject("/api/v1/openapi.json")).json().paths;
      for (const path of [
        "/api/v1/agent/session",
        "/api/v1/agent/insured/search",
        "/api/v1/agent/insured/{id}/openings",
      ]) {
        assert.ok(paths[path], path);
      }
    });
  });
}

describe("the authorisation matrix of the staff actions, refusals included", () => {
  let t: TestApp;
  let lea: { id: number; nir: string };
  before(async () => {
    t = await openTestApp("pglite");
    await createPersonas(t.database);
    lea = await insuredIdByEmail(t, "lea.moreau@parcours.test");
  });
  after(async () => t.close());

  const staffPersonas: [email: string, role: StaffRole][] = [
    ["conseiller@parcours.test", "advisor"],
    ["technicien@parcours.test", "case_worker"],
    ["reclamations@parcours.test", "complaint_handler"],
    ["action-sociale@parcours.test", "social_worker"],
    ["pilote.aquitaine@parcours.test", "fund_manager"],
    ["pilote.national@parcours.test", "national_manager"],
    ["admin@parcours.test", "administrator"],
  ];

  /** One request per action; the answer tells whether it was allowed. */
  const probes: Record<
    Action & ("backoffice.enter" | "insured.search" | "insured.read" | "staff.manage"),
    (v: Visitor, csrf: string) => Promise<number>
  > = {
    "backoffice.enter": async (v) => (await v.get("/agent")).statusCode,
    "insured.search": async (v, csrf) =>
      (await v.post("/agent/recherche", { _csrf: csrf, nir: lea.nir })).statusCode,
    "insured.read": async (v) => (await v.get(`/agent/assures/${lea.id}`)).statusCode,
    "staff.manage": async (v) => (await v.get("/agent/admin/agents")).statusCode,
  };

  for (const [email, role] of staffPersonas) {
    test(`${role}: allowed exactly the actions the policy grants`, async () => {
      const visitor = new Visitor(t.app);
      await staffLogin(visitor, email);
      const csrf = csrfOf((await visitor.get("/plan-du-site")).body);
      for (const [action, probe] of Object.entries(probes)) {
        const allowed = STAFF_ACTIONS[action as Action]?.has(role) ?? false;
        assert.equal(await probe(visitor, csrf), allowed ? 200 : 403, `${role} × ${action}`);
      }
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_log
        where actor_kind = 'staff' and actor_id = ${await staffId(t, email)} and action like 'refused:%'`.execute(
        t.database.db,
      );
      const refusedCount = Object.keys(probes).filter(
        (action) => !STAFF_ACTIONS[action as Action]?.has(role),
      ).length;
      assert.equal(rows[0]?.n, refusedCount, "every refusal is audited");
    });
  }

  test("a visitor who is not logged in is sent to the staff login page", async () => {
    const visitor = new Visitor(t.app);
    for (const url of ["/agent", `/agent/assures/${lea.id}`, "/agent/admin/agents"]) {
      const response = await visitor.get(url);
      assert.equal(response.statusCode, 303, url);
      assert.equal(response.headers.location, `/agent/connexion?retour=${encodeURIComponent(url)}`);
    }
  });

  test("an insured person is refused every staff action", async () => {
    const visitor = new Visitor(t.app);
    const login = await visitor.submit("/connexion", "/connexion", {
      email: "lea.moreau@parcours.test",
      password: DEMO_PASSWORD,
    });
    assert.equal(login.statusCode, 303);
    const csrf = csrfOf((await visitor.get("/plan-du-site")).body);
    for (const [action, probe] of Object.entries(probes)) {
      assert.equal(await probe(visitor, csrf), 403, action);
    }
  });

  test("after logging in, the staff member returns to the page first asked for", async () => {
    const visitor = new Visitor(t.app);
    const asked = await visitor.get(`/agent/assures/${lea.id}`);
    const loginPage = await visitor.get(String(asked.headers.location));
    assert.ok(loginPage.body.includes(`name="retour" value="/agent/assures/${lea.id}"`));
    const first = await visitor.post("/agent/connexion", {
      _csrf: csrfOf(loginPage.body),
      email: "technicien@parcours.test",
      password: DEMO_PASSWORD,
      retour: `/agent/assures/${lea.id}`,
    });
    assert.equal(first.headers.location, "/agent/connexion/code");
  });
});
