import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { SESSION_COOKIE } from "../../src/platform/sessions.ts";
import { createPersonas } from "../../src/population/index.ts";
import { csrfOf, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { enrolmentSecret, staffLogin, submitCode, submitPassword, totpCode } from "../helpers/staff.ts";

const ADVISOR = "conseiller@parcours.test";
const ADMIN = "admin@parcours.test";

async function auditActions(app: TestApp, action: string): Promise<{ actor_id: number; details: unknown }[]> {
  const { rows } = await sql<{
    actor_id: number;
    details: unknown;
  }>`select actor_id, details from audit_log where action = ${action} order by id`.execute(app.database.db);
  return rows;
}

for (const engine of testEngines) {
  describe(`staff login and administration (${engine})`, () => {
    let t: TestApp;
    let admin: Visitor;
    before(async () => {
      t = await openTestApp(engine);
      await createPersonas(t.database);
      admin = new Visitor(t.app);
      await staffLogin(admin, ADMIN);
    });
    after(async () => t.close());

    test("first login: the secret is shown grouped with its otpauth address, a wrong code is refused, a good one enrols and logs in", async () => {
      const visitor = new Visitor(t.app);
      const first = await submitPassword(visitor, "technicien@parcours.test");
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, "/agent/connexion/code");
      const pendingCookie = visitor.cookies.get(SESSION_COOKIE);
      // The password alone opens nothing.
      const early = await visitor.get("/agent");
      assert.equal(early.statusCode, 303);
      assert.match(String(early.headers.location), /^\/agent\/connexion/);

      const page = await visitor.get("/agent/connexion/code");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Activer la double authentification/);
      assert.match(page.body, /<code id="cle">([A-Z2-7]{4} )+[A-Z2-7]{1,4}<\/code>/);
      const secret = enrolmentSecret(page.body);
      assert.match(page.body, /otpauth:\/\/totp\/[^<]*secret=/);
      assert.equal(
        (await visitor.get("/agent/connexion/code")).body.includes(secret.slice(0, 4)),
        true,
        "same secret on reload",
      );

      const wrong = await visitor.post("/agent/connexion/code", { _csrf: csrfOf(page.body), code: "000000" });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /Ce code n&#39;est pas le bon/);
      assert.match(
        wrong.body,
        /aria-describedby="code-messages"[^>]*>[\s\S]*?id="code-messages"[^>]*><p class="fr-message fr-message--error" id="code-error">/,
      );

      const done = await submitCode(visitor, totpCode(secret));
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, "/agent");
      assert.notEqual(
        visitor.cookies.get(SESSION_COOKIE),
        pendingCookie,
        "a new session id once both factors are given",
      );
      const home = await visitor.get("/agent");
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Céline Roux/);

      const { rows } = await sql<{
        id: number;
        totp_secret: string;
      }>`select id, totp_secret from staff where email = 'technicien@parcours.test'`.execute(t.database.db);
      assert.match(rows[0]?.totp_secret ?? "", /^v1\./, "stored sealed");
      assert.ok(!(rows[0]?.totp_secret ?? "").includes(secret), "never in clear");
      const enrolments = await auditActions(t, "staff.second_factor_enrolled");
      assert.equal(enrolments.filter((entry) => entry.actor_id === rows[0]?.id).length, 1);
    });

    test("later logins ask for the code; a code already used is refused, the next one is accepted", async () => {
      const email = "reclamations@parcours.test";
      const enrolling = new Visitor(t.app);
      await submitPassword(enrolling, email);
      const secret = enrolmentSecret((await enrolling.get("/agent/connexion/code")).body);
      const used = totpCode(secret);
      assert.equal((await submitCode(enrolling, used)).statusCode, 303);

      const visitor = new Visitor(t.app);
      await submitPassword(visitor, email);
      const page = await visitor.get("/agent/connexion/code");
      assert.match(page.body, /Code de vérification/);
      assert.doesNotMatch(page.body, /id="cle"/);
      const replay = await submitCode(visitor, used);
      assert.equal(replay.statusCode, 401);
      assert.match(replay.body, /Ce code a déjà servi/);
      const next = await submitCode(visitor, totpCode(secret, 1));
      assert.equal(next.statusCode, 303);
      assert.equal((await visitor.get("/agent")).statusCode, 200);
    });

    test("an unknown address and a wrong password get the same answer", async () => {
      const unknown = await submitPassword(new Visitor(t.app), "personne@parcours.test");
      const wrong = await submitPassword(new Visitor(t.app), ADVISOR, "mauvais-mot-de-passe");
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.statusCode, 401);
      const message = (body: string) => /<div class="fr-alert fr-alert--error[\s\S]*?<\/div>/.exec(body)?.[0];
      assert.equal(message(unknown.body), message(wrong.body));
      assert.match(unknown.body, /value="personne@parcours.test"/, "the address typed is kept");
      assert.match(
        wrong.body,
        /<title>Erreur : Connexion à l&#39;espace agent/,
        "the title announces the error",
      );
    });

    test("five failures lock an address for 15 minutes, known or not; the right password is then refused too", async () => {
      for (const email of ["action-sociale@parcours.test", "inconnu@parcours.test"]) {
        for (let attempt = 0; attempt < 4; attempt++) {
          assert.equal((await submitPassword(new Visitor(t.app), email, "faux")).statusCode, 401);
        }
        const fifth = await submitPassword(new Visitor(t.app), email, "faux");
        assert.equal(fifth.statusCode, 429);
        assert.match(fifth.body, /bloquée pendant 15 minutes/);
        const right = await submitPassword(new Visitor(t.app), email);
        assert.equal(right.statusCode, 429, `${email} stays locked`);
      }
      // Once the lock is over, the right password works again.
      await sql`update staff_login_failure set locked_until = now() - interval '1 second' where email = 'action-sociale@parcours.test'`.execute(
        t.database.db,
      );
      await staffLogin(new Visitor(t.app), "action-sociale@parcours.test");
    });

    test("wrong codes count as failures and lock the account too", async () => {
      const email = "pilote.idf@parcours.test";
      const secret = await staffLogin(new Visitor(t.app), email);
      const visitor = new Visitor(t.app);
      await submitPassword(visitor, email);
      for (let attempt = 0; attempt < 4; attempt++) {
        assert.equal((await submitCode(visitor, "123456")).statusCode, 401);
      }
      const locked = await submitCode(visitor, "123456");
      assert.equal(locked.statusCode, 429);
      assert.match(locked.body, /bloquée pendant 15 minutes/);
      assert.equal(visitor.cookies.has(SESSION_COOKIE), false, "the pending session is closed");
      assert.equal((await submitPassword(new Visitor(t.app), email)).statusCode, 429);
      assert.ok(secret);
    });

    test("logout ends the staff session", async () => {
      const visitor = new Visitor(t.app);
      await staffLogin(visitor, "pilote.aquitaine@parcours.test");
      const home = await visitor.get("/agent");
      assert.equal(home.statusCode, 200);
      const out = await visitor.post("/agent/deconnexion", { _csrf: csrfOf(home.body) });
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, "/agent/connexion?deconnecte=1");
      assert.match((await visitor.get("/agent/connexion?deconnecte=1")).body, /Vous êtes déconnecté/);
      assert.equal((await visitor.get("/agent")).statusCode, 303);
    });

    test("an administrator creates an agent, who logs in with the temporary password and enrols", async () => {
      const missingFund = await admin.submit("/agent/admin/agents/nouveau", "/agent/admin/agents", {
        email: "nouvel.agent@carsat-aquitaine.fr",
        displayName: "Inès Dupuis",
        role: "advisor",
        fundCode: "",
      });
      assert.equal(missingFund.statusCode, 400);
      assert.match(missingFund.body, /Choisissez la caisse de l&#39;agent/);
      assert.match(
        missingFund.body,
        /aria-describedby="fundCode-messages"[^>]*>[\s\S]*?id="fundCode-messages"[^>]*><p class="fr-message fr-message--error" id="fundCode-error">/,
      );
      assert.match(missingFund.body, /value="Inès Dupuis"/, "entered values are kept");

      const created = await admin.submit("/agent/admin/agents/nouveau", "/agent/admin/agents", {
        email: "Nouvel.Agent@carsat-aquitaine.fr",
        displayName: "Inès Dupuis",
        role: "advisor",
        fundCode: "carsat-aquitaine",
      });
      assert.equal(created.statusCode, 201);
      const password = /Mot de passe provisoire : <strong><code>([^<]+)<\/code>/.exec(created.body)?.[1];
      assert.ok(password);
      const duplicate = await admin.submit("/agent/admin/agents/nouveau", "/agent/admin/agents", {
        email: "nouvel.agent@carsat-aquitaine.fr",
        displayName: "Autre",
        role: "advisor",
        fundCode: "carsat-aquitaine",
      });
      assert.match(duplicate.body, /Un agent a déjà cette adresse e-mail/);

      const agent = new Visitor(t.app);
      await staffLogin(agent, "nouvel.agent@carsat-aquitaine.fr", { password });
      const home = await agent.get("/agent");
      assert.match(home.body, /Inès Dupuis/);
      assert.match(home.body, /Rechercher un assuré/);
      const audit = await auditActions(t, "staff.created");
      assert.equal(
        (audit.at(-1)?.details as { email?: string } | undefined)?.email,
        "nouvel.agent@carsat-aquitaine.fr",
      );
    });

    test("role and fund changes, deactivation and reset take effect and are audited", async () => {
      const page = await admin.submit("/agent/admin/agents/nouveau", "/agent/admin/agents", {
        email: "a.changer@carsat.fr",
        displayName: "Hugo Perrin",
        role: "advisor",
        fundCode: "carsat-aquitaine",
      });
      const password = /Mot de passe provisoire : <strong><code>([^<]+)<\/code>/.exec(
        page.body,
      )?.[1] as string;
      const id = Number(/\/agent\/admin\/agents\/(\d+)"/.exec(page.body)?.[1]);
      const agent = new Visitor(t.app);
      const secret = await staffLogin(agent, "a.changer@carsat.fr", { password });

      const national = await admin.submit(`/agent/admin/agents/${id}`, `/agent/admin/agents/${id}`, {
        displayName: "Hugo Perrin",
        role: "administrator",
        fundCode: "carsat-aquitaine",
      });
      assert.equal(national.statusCode, 303);
      const { rows } = await sql<{
        role: string;
        fund_code: string | null;
      }>`select role, fund_code from staff where id = ${id}`.execute(t.database.db);
      assert.deepEqual(rows[0], { role: "administrator", fund_code: null }, "a national role keeps no fund");
      assert.match(
        (await admin.get(`/agent/admin/agents/${id}?enregistre=1`)).body,
        /Modifications enregistrées/,
      );
      assert.match((await agent.get("/agent")).body, /Votre profil ne donne pas accès aux dossiers/);

      const deactivated = await admin.submit(
        `/agent/admin/agents/${id}`,
        `/agent/admin/agents/${id}/desactivation`,
        {},
      );
      assert.equal(deactivated.statusCode, 303);
      assert.equal((await agent.get("/agent")).statusCode, 303, "the open session stops counting");
      assert.equal(
        (await submitPassword(new Visitor(t.app), "a.changer@carsat.fr", password)).statusCode,
        401,
      );
      await admin.submit(`/agent/admin/agents/${id}`, `/agent/admin/agents/${id}/reactivation`, {});

      const reset = await admin.submit(
        `/agent/admin/agents/${id}`,
        `/agent/admin/agents/${id}/reinitialisation`,
        {},
      );
      const newPassword = /Mot de passe provisoire : <strong><code>([^<]+)<\/code>/.exec(
        reset.body,
      )?.[1] as string;
      assert.notEqual(newPassword, password);
      assert.equal(
        (await submitPassword(new Visitor(t.app), "a.changer@carsat.fr", password)).statusCode,
        401,
      );
      const again = new Visitor(t.app);
      const newSecret = await staffLogin(again, "a.changer@carsat.fr", { password: newPassword });
      assert.notEqual(newSecret, secret, "a reset account enrols a new application");

      for (const action of ["staff.changed", "staff.deactivated", "staff.reactivated", "staff.reset"]) {
        const entries = await auditActions(t, action);
        assert.ok(
          entries.some((entry) => JSON.stringify(entry.details).includes("a.changer@carsat.fr")),
          `${action} audited`,
        );
      }
    });

    test("an administrator cannot deactivate their own account", async () => {
      const { rows } = await sql<{ id: number }>`select id from staff where email = ${ADMIN}`.execute(
        t.database.db,
      );
      const id = rows[0]?.id as number;
      assert.doesNotMatch((await admin.get(`/agent/admin/agents/${id}`)).body, /Désactiver le compte/);
      const refused = await admin.submit(
        `/agent/admin/agents/${id}`,
        `/agent/admin/agents/${id}/desactivation`,
        {},
      );
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Vous ne pouvez pas désactiver votre propre compte/);
    });
  });
}

describe("staff list pagination and rate limit", () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp("pglite");
    await createPersonas(t.database);
  });
  after(async () => t.close());

  test("the staff list pages by e-mail, without offset", async () => {
    for (let n = 0; n < 60; n++) {
      await sql`insert into staff (email, display_name, role, fund_code, password_hash)
        values (${`agent${String(n).padStart(2, "0")}@carsat.fr`}, ${`Agent ${n}`}, 'advisor', 'carsat-aquitaine', 'x')`.execute(
        t.database.db,
      );
    }
    const admin = new Visitor(t.app);
    await staffLogin(admin, ADMIN);
    const first = await admin.get("/agent/admin/agents");
    const next = /href="\/agent\/admin\/agents\?apres=([^"]+)"/.exec(first.body)?.[1];
    assert.ok(next, "a link to the next agents");
    const firstEmails = [...first.body.matchAll(/<td>([^<]+@[^<]+)<\/td>/g)].map((m) => m[1]);
    assert.equal(firstEmails.length, 50);
    const second = await admin.get(`/agent/admin/agents?apres=${next}`);
    const secondEmails = [...second.body.matchAll(/<td>([^<]+@[^<]+)<\/td>/g)].map((m) => m[1]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from staff`.execute(t.database.db);
    assert.equal(secondEmails.length, (rows[0]?.n ?? 0) - 50, "every other member, the personas included");
    assert.ok(secondEmails.every((email) => !firstEmails.includes(email)));
    assert.doesNotMatch(second.body, /Agents suivants/);
  });

  test("many login attempts from one client are slowed down with a French page", async () => {
    let last = await submitPassword(new Visitor(t.app), "x@parcours.test", "faux");
    for (let attempt = 0; attempt < 31 && last.statusCode !== 429; attempt++) {
      last = await submitPassword(new Visitor(t.app), `x${attempt}@parcours.test`, "faux");
    }
    assert.equal(last.statusCode, 429);
    assert.match(last.body, /Trop de tentatives de connexion viennent de votre poste/);
  });
});
