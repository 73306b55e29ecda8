import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { afterEach, describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { SMTPServer } from "smtp-server";
import { insuredById, insuredIdByAccountEmail, nirKey } from "../../src/identity/index.ts";
import { auditTrailOf } from "../../src/platform/audit.ts";
import type { Engine } from "../../src/platform/db.ts";
import { outbox } from "../../src/platform/mail.ts";
import { SESSION_COOKIE } from "../../src/platform/sessions.ts";
import { createPersonas, DEMO_PASSWORD } from "../../src/population/index.ts";
import { csrfOf, insuredIdOf, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";

const LEA = "lea.moreau@parcours.test";
const SOPHIE = "sophie.laurent@parcours.test";
const NADIA = "nadia.haddad@parcours.test";
const NEW_PASSWORD = "une phrase de passe assez longue";

/** A person of the base without an account: Marc Petit, born 17 May 1990 in Paris. */
async function personWithoutAccount(testApp: TestApp) {
  const thirteen = "1900575056123";
  const nir = `${thirteen}${nirKey(thirteen)}`;
  await sql`insert into insured (nir, sex, birth_name, last_name, first_names, birth_date, birth_department,
      birth_place, address_line, postcode, town, department, fund_code)
    values (${nir}, 'M', 'Petit', 'Petit', 'Marc Antoine', '1990-05-17', '75', 'Paris', '5 rue des Écoles',
      '75005', 'Paris', '75', 'cnav-idf')`.execute(testApp.database.db);
  return {
    nir: `${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5)}`,
    birthDate: "17/05/1990",
  };
}

async function mailsTo(testApp: TestApp, to: string) {
  return (await outbox(testApp.database.db)).filter((mail) => mail.to === to);
}

function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^/\\s]+(${path.replace(/\//g, "\\/")}\\?jeton=[\\w-]+)`).exec(text);
  assert.ok(match, `a link to ${path} in: ${text}`);
  return match[1] as string;
}

/** A page as two different visitors see it: without their CSRF token and what they typed. */
function normalized(body: string, ...typed: string[]): string {
  let text = body.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""');
  for (const value of typed) text = text.split(value).join("…");
  return text;
}

async function logIn(visitor: Visitor, email: string, password = DEMO_PASSWORD) {
  return visitor.submit("/connexion", "/connexion", { email, password });
}

/** A JSON call with the visitor's cookies (and their CSRF token when given). */
async function call(
  visitor: Visitor,
  method: "GET" | "POST" | "PUT" | "DELETE",
  url: string,
  options: { body?: unknown; csrf?: string } = {},
): Promise<LightMyRequestResponse> {
  const response = await visitor.app.inject({
    method,
    url,
    headers: {
      cookie: [...visitor.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      ...(options.csrf ? { "x-csrf-token": options.csrf } : {}),
    },
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
  for (const cookie of response.cookies as { name: string; value: string }[]) {
    if (cookie.value === "") visitor.cookies.delete(cookie.name);
    else visitor.cookies.set(cookie.name, cookie.value);
  }
  return response;
}

for (const engine of testEngines) {
  describe(`insured accounts (${engine})`, () => {
    let testApp: TestApp;
    async function open(overrides: Parameters<typeof openTestApp>[1] = {}): Promise<TestApp> {
      testApp = await openTestApp(engine as Engine, overrides);
      await createPersonas(testApp.database);
      return testApp;
    }
    afterEach(async () => testApp?.close());

    test("sign up → mail → verify → log in → home → log out", async () => {
      const { app } = await open();
      const marc = await personWithoutAccount(testApp);
      const visitor = new Visitor(app);
      const form = await visitor.get("/inscription");
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<label class="fr-label" for="nir">Numéro de sécurité sociale/);

      const answer = await visitor.post("/inscription", {
        _csrf: csrfOf(form.body),
        nir: marc.nir,
        birthDate: marc.birthDate,
        email: " Marc.Petit@Exemple.fr ",
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      });
      assert.equal(answer.statusCode, 200);
      assert.match(answer.body, /Si les informations correspondent à un dossier/);
      const [mail] = await mailsTo(testApp, "marc.petit@exemple.fr");
      assert.ok(mail, "a verification mail is queued");
      assert.equal(mail.subject, "Confirmez votre adresse électronique");
      const link = linkIn(mail.text, "/inscription/verifier");

      const early = await logIn(visitor, "marc.petit@exemple.fr", NEW_PASSWORD);
      assert.equal(early.statusCode, 403);
      assert.match(early.body, /pas encore confirmée/);
      assert.match(early.body, /action="\/inscription\/renvoyer"/);

      const verified = await visitor.get(link);
      assert.equal(verified.statusCode, 200);
      assert.match(verified.body, /Votre adresse est confirmée/);
      assert.equal((await visitor.get(link)).statusCode, 410, "the link works once");

      const login = await logIn(visitor, "marc.petit@exemple.fr", NEW_PASSWORD);
      assert.equal(login.statusCode, 303);
      assert.equal(login.headers.location, "/espace");
      const home = await visitor.get("/espace");
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<h1>Bonjour Marc<\/h1>/);
      assert.match(home.body, /Marc Petit/, "the header shows the name kept in the session");

      const logout = await visitor.post("/deconnexion", { _csrf: csrfOf(home.body) });
      assert.equal(logout.statusCode, 303);
      assert.equal(logout.headers.location, "/connexion?deconnexion");
      assert.match((await visitor.get("/connexion?deconnexion")).body, /Vous êtes déconnecté/);
      const after = await visitor.get("/espace");
      assert.equal(after.statusCode, 303);
      assert.equal(after.headers.location, "/connexion?retour=%2Fespace");
    });

    test("the verification link reaches a real SMTP server and opens the account", async () => {
      const received: string[] = [];
      const smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        onData(stream, _session, callback) {
          let message = "";
          stream.on("data", (chunk: Buffer) => {
            message += chunk.toString("utf8");
          });
          stream.on("end", () => {
            received.push(message);
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = smtp.server.address() as AddressInfo;
        const { app } = await open({ smtpUrl: `smtp://127.0.0.1:${port}` });
        const marc = await personWithoutAccount(testApp);
        await new Visitor(app).submit("/inscription", "/inscription", {
          nir: marc.nir,
          birthDate: marc.birthDate,
          email: "marc@exemple.fr",
          password: NEW_PASSWORD,
          passwordConfirmation: NEW_PASSWORD,
        });
        assert.equal(await app.mail.deliverPending(), 1);
        const [message] = received;
        assert.ok(message);
        assert.match(message, /To: marc@exemple\.fr/);
        const link = linkIn(message.replace(/=\r?\n/g, "").replace(/=3D/g, "="), "/inscription/verifier");
        assert.equal((await new Visitor(app).get(link)).statusCode, 200);
        assert.equal((await logIn(new Visitor(app), "marc@exemple.fr", NEW_PASSWORD)).statusCode, 303);
      } finally {
        testApp?.app.mail.stop();
        await new Promise<void>((resolve) => smtp.close(() => resolve()));
      }
    });

    test("each wrong field gets its own message; typed values are kept, never the password", async () => {
      const { app } = await open();
      const visitor = new Visitor(app);
      const response = await visitor.submit("/inscription", "/inscription", {
        nir: "2 92 03 2B 033 990 00",
        birthDate: "31/02/1992",
        email: "lea.moreau@",
        password: "court",
        passwordConfirmation: "autre",
      });
      assert.equal(response.statusCode, 400);
      const body = response.body;
      assert.match(body, /<title>Erreur : Créer mon espace personnel/);
      assert.match(body, /La clé \(les 2 derniers chiffres\) ne correspond pas au numéro/);
      assert.match(body, /Cette date n&#39;existe pas/);
      assert.match(body, /L&#39;adresse électronique n&#39;est pas valide/);
      assert.match(body, /au moins 12 caractères : il en compte 5/);
      assert.match(body, /Les deux mots de passe ne sont pas identiques/);
      assert.match(body, /5 informations sont à corriger/);
      assert.match(body, /value="2 92 03 2B 033 990 00"/);
      assert.match(body, /value="31\/02\/1992"/);
      assert.match(body, /value="lea.moreau@"/);
      assert.doesNotMatch(body, /court|autre/);
      assert.match(body, /id="nir"[^>]*aria-describedby="nir-erreur"/);
      assert.match(body, /<p id="nir-erreur" class="fr-error-text">/);
      assert.match(body, /class="fr-input-group fr-input-group--error"/);

      const mismatch = await visitor.submit("/inscription", "/inscription", {
        nir: "2 92 03 2B 033 990 55",
        birthDate: "14/04/1991",
        email: "x@exemple.fr",
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      });
      assert.match(mismatch.body, /ne correspond pas à votre numéro de sécurité sociale/);
    });

    test("sign-up, login and reset answer the same whether the NIR or the address exists", async () => {
      const { app } = await open();
      const marc = await personWithoutAccount(testApp);
      const signUp = async (nir: string, birthDate: string, email: string) =>
        new Visitor(app).submit("/inscription", "/inscription", {
          nir,
          birthDate,
          email,
          password: NEW_PASSWORD,
          passwordConfirmation: NEW_PASSWORD,
        });
      const unknownThirteen = "1850133001456";
      const unknownNir = `${unknownThirteen}${nirKey(unknownThirteen)}`;
      const known = await signUp(marc.nir, marc.birthDate, "a@exemple.fr");
      const wrongBirth = await signUp(marc.nir, "18/05/1990", "b@exemple.fr");
      const unknown = await signUp(unknownNir, "01/01/1985", "c@exemple.fr");
      const lea = await insuredById(testApp.database.db, await insuredIdOf(testApp.database.db, LEA));
      assert.ok(lea);
      const [year, month, day] = lea.birthDate.split("-");
      const alreadyHasAccount = await signUp(lea.nir, `${day}/${month}/${year}`, "d@exemple.fr");
      for (const [response, email] of [
        [wrongBirth, "b@exemple.fr"],
        [unknown, "c@exemple.fr"],
      ] as const) {
        assert.equal(response.statusCode, known.statusCode);
        assert.equal(normalized(response.body, email), normalized(known.body, "a@exemple.fr"));
      }
      assert.equal(
        normalized(alreadyHasAccount.body, "d@exemple.fr"),
        normalized(known.body, "a@exemple.fr"),
      );
      assert.equal((await mailsTo(testApp, "d@exemple.fr")).length, 0);
      assert.equal((await mailsTo(testApp, LEA))[0]?.subject, "Vous avez déjà un espace personnel");
      assert.equal((await mailsTo(testApp, "a@exemple.fr")).length, 1);
      assert.equal((await mailsTo(testApp, "b@exemple.fr")).length, 0);
      assert.equal((await mailsTo(testApp, "c@exemple.fr")).length, 0);

      const wrongPassword = await logIn(new Visitor(app), LEA, "pas le bon mot de passe");
      const unknownAddress = await logIn(new Visitor(app), "personne@exemple.fr", "pas le bon mot de passe");
      assert.equal(wrongPassword.statusCode, 401);
      assert.equal(unknownAddress.statusCode, 401);
      assert.equal(
        normalized(wrongPassword.body, LEA),
        normalized(unknownAddress.body, "personne@exemple.fr"),
      );

      const reset = (email: string) =>
        new Visitor(app).submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", { email });
      const resetKnown = await reset(LEA);
      const resetUnknown = await reset("personne@exemple.fr");
      assert.equal(resetKnown.statusCode, resetUnknown.statusCode);
      assert.equal(normalized(resetKnown.body, LEA), normalized(resetUnknown.body, "personne@exemple.fr"));
      assert.equal((await mailsTo(testApp, "personne@exemple.fr")).length, 0);
      assert.equal((await mailsTo(testApp, LEA))[0]?.subject, "Choisir un nouveau mot de passe");
    });

    test("a POST without the CSRF token, or with another visitor's, is refused", async () => {
      const { app } = await open();
      const visitor = new Visitor(app);
      await visitor.get("/connexion");
      const bare = await visitor.post("/connexion", { email: LEA, password: DEMO_PASSWORD });
      assert.equal(bare.statusCode, 403);
      const other = csrfOf((await new Visitor(app).get("/connexion")).body);
      const foreign = await visitor.post("/connexion", { _csrf: other, email: LEA, password: DEMO_PASSWORD });
      assert.equal(foreign.statusCode, 403);
      assert.equal(visitor.cookies.has(SESSION_COOKIE), false);

      await logIn(visitor, LEA);
      const logout = await visitor.post("/deconnexion", {});
      assert.equal(logout.statusCode, 403);
      assert.equal((await visitor.get("/espace")).statusCode, 200, "still logged in");
    });

    test("session fixation: the session id is new at login, the one planted before is worthless", async () => {
      const { app } = await open();
      const visitor = new Visitor(app);
      visitor.cookies.set(SESSION_COOKIE, "jeton-impose-par-un-attaquant");
      const page = await visitor.get("/connexion");
      const preLoginCsrf = csrfOf(page.body);
      const login = await visitor.post("/connexion", {
        _csrf: preLoginCsrf,
        email: LEA,
        password: DEMO_PASSWORD,
      });
      assert.equal(login.statusCode, 303);
      const token = visitor.cookies.get(SESSION_COOKIE);
      assert.ok(token && token !== "jeton-impose-par-un-attaquant");
      assert.match(String(login.headers["set-cookie"]), /HttpOnly/);

      const attacker = new Visitor(app);
      attacker.cookies.set(SESSION_COOKIE, "jeton-impose-par-un-attaquant");
      assert.equal((await attacker.get("/espace")).statusCode, 303);

      // The form token of the anonymous visit does not carry over to the session.
      const stale = await visitor.post("/deconnexion", { _csrf: preLoginCsrf });
      assert.equal(stale.statusCode, 403);

      // Logging in again from another browser gives another session; both are distinct.
      const second = new Visitor(app);
      await logIn(second, LEA);
      assert.notEqual(second.cookies.get(SESSION_COOKIE), token);
    });

    test("too many login posts from one IP get a 429 page in French", async () => {
      const { app } = await open();
      const visitor = new Visitor(app);
      const csrf = csrfOf((await visitor.get("/connexion")).body);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const response = await visitor.post("/connexion", {
          _csrf: csrf,
          email: "x@exemple.fr",
          password: "x",
        });
        statuses.push(response.statusCode);
        if (response.statusCode === 429) assert.match(response.body, /Trop de tentatives/);
      }
      // An address nobody has locks like a real one (423 at the 5th failure): nothing is revealed.
      assert.deepEqual(statuses.slice(0, 6), [401, 401, 401, 401, 423, 423]);
      assert.equal(statuses.at(-1), 429);
    });

    test("5 failures lock the address for 15 minutes, even for the right password; a reset lifts it", async () => {
      const { app } = await open();
      const visitor = new Visitor(app);
      const csrf = csrfOf((await visitor.get("/connexion")).body);
      const attempt = (email: string, password: string) =>
        visitor.post("/connexion", { _csrf: csrf, email, password });
      for (let i = 1; i <= 4; i++) assert.equal((await attempt(LEA, "mauvais")).statusCode, 401);
      const fifth = await attempt(LEA, "mauvais");
      assert.equal(fifth.statusCode, 423);
      assert.match(fifth.body, /bloquée pendant 15 minutes/);
      const right = await attempt(LEA, DEMO_PASSWORD);
      assert.equal(right.statusCode, 423, "even the right password waits");
      assert.equal(normalized(right.body, LEA), normalized(fifth.body, LEA));
      const leaId = await insuredIdByAccountEmail(testApp.database.db, LEA);
      assert.ok(
        (await auditTrailOf(testApp.database.db, leaId as number)).some((e) => e.action === "account.locked"),
      );

      await new Visitor(app).submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", { email: LEA });
      const link = linkIn((await mailsTo(testApp, LEA))[0]?.text ?? "", "/mot-de-passe/nouveau");
      const resetter = new Visitor(app);
      const form = await resetter.get(link);
      await resetter.post("/mot-de-passe/nouveau", {
        _csrf: csrfOf(form.body),
        jeton: new URL(link, "http://x").searchParams.get("jeton") as string,
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      });
      assert.equal((await attempt(LEA, NEW_PASSWORD)).statusCode, 303, "the new password opens at once");
    });

    test("reset: a single-use link, a new password, every session closed, a notice by mail", async () => {
      const { app } = await open();
      const elsewhere = new Visitor(app);
      await logIn(elsewhere, LEA);
      assert.equal((await elsewhere.get("/espace")).statusCode, 200);

      const visitor = new Visitor(app);
      await visitor.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", { email: LEA });
      const [mail] = await mailsTo(testApp, LEA);
      assert.ok(mail);
      assert.match(mail.text, /valable 1 heure/);
      const link = linkIn(mail.text, "/mot-de-passe/nouveau");
      const token = new URL(link, "http://x").searchParams.get("jeton") as string;

      const form = await visitor.get(link);
      assert.equal(form.statusCode, 200);
      const short = await visitor.post("/mot-de-passe/nouveau", {
        _csrf: csrfOf(form.body),
        jeton: token,
        password: "court",
        passwordConfirmation: "court",
      });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /au moins 12 caractères/);
      assert.match(short.body, new RegExp(`name="jeton" value="${token}"`));

      const done = await visitor.post("/mot-de-passe/nouveau", {
        _csrf: csrfOf(short.body),
        jeton: token,
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, "/connexion?mot-de-passe");
      assert.equal((await elsewhere.get("/espace")).statusCode, 303, "the other session is closed");
      assert.equal((await visitor.get(link)).statusCode, 410, "the link works once");
      const notices = await mailsTo(testApp, LEA);
      assert.equal(notices[0]?.subject, "Votre mot de passe a été changé");

      assert.equal((await logIn(new Visitor(app), LEA)).statusCode, 401, "the old password is gone");
      assert.equal((await logIn(new Visitor(app), LEA, NEW_PASSWORD)).statusCode, 303);
    });

    test("the login page returns to the page asked for, only on this site", async () => {
      const { app } = await open();
      const visitor = new Visitor(app);
      const asked = await visitor.get("/espace/representation");
      assert.equal(asked.headers.location, "/connexion?retour=%2Fespace%2Frepresentation");
      const page = await visitor.get(String(asked.headers.location));
      assert.match(page.body, /name="retour" value="\/espace\/representation"/);
      const login = await visitor.post("/connexion", {
        _csrf: csrfOf(page.body),
        retour: "/espace/representation",
        email: LEA,
        password: DEMO_PASSWORD,
      });
      assert.equal(login.headers.location, "/espace/representation");

      for (const retour of ["//pirate.example/", "https://pirate.example/", "/\\pirate.example"]) {
        const other = new Visitor(app);
        const response = await other.submit("/connexion", "/connexion", {
          retour,
          email: LEA,
          password: DEMO_PASSWORD,
        });
        assert.equal(response.headers.location, "/espace", retour);
      }
    });

    test("a representative opens the represented person's space, with the banner on every page", async () => {
      const { app, database } = await open();
      const sophieId = await insuredIdOf(database.db, SOPHIE);
      const nadiaId = await insuredIdOf(database.db, NADIA);
      const leaId = await insuredIdOf(database.db, LEA);
      const sophie = new Visitor(app);
      await logIn(sophie, SOPHIE);
      const own = await sophie.get("/espace");
      assert.match(own.body, /Vous représentez une personne/);
      const list = await sophie.get("/espace/representation");
      assert.match(list.body, /Nadia Haddad/);
      assert.match(list.body, /Curatelle depuis le/);
      assert.match(list.body, /<button type="submit"[^>]*>Ouvrir l&#39;espace de Nadia Haddad<\/button>/);

      const chosen = await sophie.post("/espace/representation", {
        _csrf: csrfOf(list.body),
        personne: String(nadiaId),
      });
      assert.equal(chosen.statusCode, 303);
      const home = await sophie.get("/espace");
      assert.match(home.body, /Vous agissez pour le compte de Nadia Haddad/);
      assert.match(home.body, /<h1>Espace de Nadia Haddad<\/h1>/);
      assert.match(home.body, /4 impasse des Lilas/);
      assert.doesNotMatch(home.body, /40 boulevard Carnot/);
      assert.match(home.body, /Un conseiller pour vous accompagner/, "Nadia's attentive journey");
      assert.match((await sophie.get("/plan-du-site")).body, /Vous agissez pour le compte de Nadia Haddad/);
      const me = await call(sophie, "GET", "/api/v1/me");
      assert.equal(me.json().id, nadiaId);
      assert.deepEqual(me.json().representedBy, { id: sophieId, name: "Sophie Laurent" });
      const trail = await auditTrailOf(database.db, nadiaId);
      assert.ok(
        trail.some(
          (e) =>
            e.action === "representation.start" && e.actorKind === "representative" && e.actorId === sophieId,
        ),
      );
      assert.ok(
        trail.some(
          (e) => e.action === "space.read" && e.actorKind === "representative" && e.actorId === sophieId,
        ),
        "reading Nadia's space is traced as Sophie's",
      );

      const refused = await sophie.post("/espace/representation", {
        _csrf: csrfOf(home.body),
        personne: String(leaId),
      });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Aucun mandat en cours/);
      const leaTrail = await auditTrailOf(database.db, leaId);
      assert.ok(
        leaTrail.some(
          (e) =>
            e.action === "refused:representation.choose" &&
            e.actorId === sophieId &&
            e.reason === "no_active_mandate",
        ),
      );
      assert.match(
        (await sophie.get("/espace")).body,
        /Espace de Nadia Haddad/,
        "the refusal changed nothing",
      );

      await sophie.post("/espace/representation", { _csrf: csrfOf(home.body), personne: "" });
      const back = await sophie.get("/espace");
      assert.match(back.body, /<h1>Bonjour Sophie<\/h1>/);
      assert.doesNotMatch(back.body, /Vous agissez pour le compte/);
    });

    test("an insured person never reaches another person's data by changing an id", async () => {
      const { app, database } = await open();
      const nadiaId = await insuredIdOf(database.db, NADIA);
      const leaId = await insuredIdOf(database.db, LEA);
      const lea = new Visitor(app);
      await logIn(lea, LEA);
      const home = await lea.get(`/espace?personne=${nadiaId}&insuredId=${nadiaId}&id=${nadiaId}`);
      assert.match(home.body, /12 rue Sainte-Catherine/);
      assert.doesNotMatch(home.body, /Haddad|impasse des Lilas/);
      const me = await call(lea, "GET", `/api/v1/me?insuredId=${nadiaId}&id=${nadiaId}`);
      assert.equal(me.json().id, leaId);

      const form = await lea.post("/espace/representation", {
        _csrf: csrfOf(home.body),
        personne: String(nadiaId),
      });
      assert.equal(form.statusCode, 403);
      const json = await call(lea, "PUT", "/api/v1/session/acting-for", {
        body: { insuredId: nadiaId },
        csrf: csrfOf(home.body),
      });
      assert.equal(json.statusCode, 403);
      assert.equal(json.json().error.code, "no_active_mandate");
      const garbage = await lea.post("/espace/representation", {
        _csrf: csrfOf(home.body),
        personne: "1 or 1=1",
      });
      assert.equal(garbage.statusCode, 403);
      assert.doesNotMatch((await lea.get("/espace")).body, /Haddad/);
      const refusals = (await auditTrailOf(database.db, nadiaId)).filter(
        (e) => e.action === "refused:representation.choose" && e.actorId === leaId,
      );
      assert.equal(refusals.length, 2);
    });

    test("JSON API: token, login, me, services, logout, with French errors", async () => {
      const { app } = await open();
      const client = new Visitor(app);
      const csrf = (await call(client, "GET", "/api/v1/csrf-token")).json().csrfToken as string;
      const wrong = await call(client, "POST", "/api/v1/session", {
        body: { email: LEA, password: "faux" },
        csrf,
      });
      assert.equal(wrong.statusCode, 401);
      assert.deepEqual(wrong.json(), {
        error: { code: "invalid", message: "L'adresse électronique ou le mot de passe est incorrect." },
      });
      const malformed = await call(client, "POST", "/api/v1/session", { body: { email: LEA }, csrf });
      assert.equal(malformed.statusCode, 400);
      assert.match(malformed.json().error.message, /incomplète ou mal formée/);
      assert.equal(
        (await call(client, "POST", "/api/v1/session", { body: { email: LEA, password: "x" } })).statusCode,
        403,
      );

      const login = await call(client, "POST", "/api/v1/session", {
        body: { email: LEA, password: DEMO_PASSWORD },
        csrf,
      });
      assert.equal(login.statusCode, 200);
      assert.equal(login.json().displayName, "Léa Moreau");
      const sessionCsrf = login.json().csrfToken as string;
      assert.notEqual(sessionCsrf, csrf);

      const me = await call(client, "GET", "/api/v1/me");
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().lastName, "Moreau");
      assert.equal(me.json().fund.code, "carsat-aquitaine");
      const services = (await call(client, "GET", "/api/v1/me/services")).json();
      assert.equal(services.profile, "under45");
      for (const service of services.services as { available: boolean; href?: string }[]) {
        assert.equal(service.available, service.href !== undefined, "available exactly when it has a page");
      }
      assert.ok(
        services.services.some(
          (s: { code: string; available: boolean }) => s.code === "careerStatement" && s.available,
        ),
      );
      assert.deepEqual((await call(client, "GET", "/api/v1/me/representations")).json(), []);

      const signUp = await call(new Visitor(app), "POST", "/api/v1/accounts", {
        body: { nir: "1", birthDate: "", email: "", password: "", passwordConfirmation: "" },
      });
      assert.equal(signUp.statusCode, 403, "the API checks CSRF too");

      assert.equal((await call(client, "DELETE", "/api/v1/session", { csrf: sessionCsrf })).statusCode, 204);
      const gone = await call(client, "GET", "/api/v1/me");
      assert.equal(gone.statusCode, 401);
      assert.equal(gone.json().error.code, "login_required");

      const document = (await call(client, "GET", "/api/v1/openapi.json")).json();
      for (const path of ["/api/v1/session", "/api/v1/accounts", "/api/v1/me", "/api/v1/me/services"]) {
        assert.ok(document.paths[path], `OpenAPI lists ${path}`);
      }
    });

    test("JSON sign-up gives the neutral answer, or the field errors", async () => {
      const { app } = await open();
      const marc = await personWithoutAccount(testApp);
      const client = new Visitor(app);
      const csrf = (await call(client, "GET", "/api/v1/csrf-token")).json().csrfToken as string;
      const bad = await call(client, "POST", "/api/v1/accounts", {
        body: {
          nir: "123",
          birthDate: "1990-05-17",
          email: "m@exemple.fr",
          password: "court",
          passwordConfirmation: "court",
        },
        csrf,
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.fields.nir, /15 caractères/);
      assert.match(bad.json().error.fields.password, /12 caractères/);
      const good = await call(client, "POST", "/api/v1/accounts", {
        body: {
          nir: marc.nir,
          birthDate: "1990-05-17",
          email: "m@exemple.fr",
          password: NEW_PASSWORD,
          passwordConfirmation: NEW_PASSWORD,
        },
        csrf,
      });
      assert.equal(good.statusCode, 202);
      assert.match(good.json().message, /Si les informations correspondent/);
      assert.equal((await mailsTo(testApp, "m@exemple.fr")).length, 1);
    });

    test("the FranceConnect button appears only when FranceConnect is configured", async () => {
      const { app } = await open();
      const without = await new Visitor(app).get("/connexion");
      assert.doesNotMatch(without.body, /fr-connect/);
      await testApp.close();
      const configured = await open({
        franceConnect: {
          issuer: "https://fc.exemple.test/api/v2",
          clientId: "parcours",
          clientSecret: "secret",
        },
      });
      const body = (await new Visitor(configured.app).get("/connexion")).body;
      assert.match(
        body,
        /<form method="post" action="\/franceconnect\/connexion">\s*<input type="hidden" name="_csrf"/,
      );
      assert.match(body, /<button class="fr-connect" type="submit">/);
      assert.match(body, /Qu’est-ce que FranceConnect \?/);
    });
  });
}
