import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { insuredIdByAccountEmail } from "../../src/identity/index.ts";
import { auditTrailOf } from "../../src/platform/audit.ts";
import { createPersonas } from "../../src/population/index.ts";
import { testConfig } from "../helpers/app.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { ACCOUNTS, ANTONIO, freePort, LEA, NOBODY, PERSONAS_TODAY } from "./fixtures.ts";
import {
  type FranceConnectTestAccount,
  type FranceConnectTestProvider,
  startFranceConnectProvider,
} from "./provider.ts";
import { formOf, type Hop, HttpVisitor } from "./visitor.ts";

describe("FranceConnect through a local provider, over real HTTP", () => {
  let database: TestDatabase;
  let provider: FranceConnectTestProvider;
  let app: FastifyInstance;
  let publicUrl: string;

  before(async () => {
    database = await openTestDatabase("pglite");
    await createPersonas(database, { today: PERSONAS_TODAY });
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    provider = await startFranceConnectProvider({ serviceUrl: publicUrl, accounts: ACCOUNTS });
    app = await buildApp(
      testConfig({
        publicUrl,
        franceConnect: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
        },
      }),
      database,
    );
    await app.listen({ host: "127.0.0.1", port });
  });
  after(async () => {
    await app.close();
    await provider.stop();
    await database.close();
  });

  const inParcours = (target: URL) => target.origin === publicUrl;

  /** Starts from Parcours' FranceConnect button and stops on the provider's login page. */
  async function toProviderLogin(visitor: HttpVisitor): Promise<{ start: Hop; login: Hop }> {
    const page = await visitor.get(`${publicUrl}/franceconnect/connexion`);
    assert.equal(page.status, 200);
    const button = formOf(page, "/franceconnect/connexion");
    const start = await visitor.post(button.action, button.fields);
    assert.equal(start.status, 303);
    const login = await visitor.follow(start);
    assert.equal(login.status, 200, login.body);
    assert.match(login.body, /Connexion avec FranceConnect/);
    return { start, login };
  }

  /** Chooses an account on the provider's page; stops just before coming back to Parcours. */
  async function chooseAccount(visitor: HttpVisitor, login: Hop, account: FranceConnectTestAccount) {
    const form = formOf(login, "/connexion");
    const index = ACCOUNTS.indexOf(account);
    const chosen = await visitor.post(form.action, { ...form.fields, compte: String(index) });
    const back = await visitor.follow(chosen, inParcours);
    assert.ok(back.location && inParcours(back.location), "the provider sends the browser back to Parcours");
    assert.equal(back.location.pathname, "/franceconnect/retour");
    return back.location;
  }

  async function logIn(account: FranceConnectTestAccount) {
    const visitor = new HttpVisitor();
    const { start, login } = await toProviderLogin(visitor);
    const callback = await visitor.get(await chooseAccount(visitor, login, account));
    return { visitor, start, callback };
  }

  async function insuredId(login: string): Promise<number> {
    return (await insuredIdByAccountEmail(database.db, login)) as number;
  }

  test("Léa Moreau logs in with FranceConnect and lands in her personal space", async () => {
    const { visitor, start, callback } = await logIn(LEA);
    const authorize = start.location as URL;
    assert.equal(authorize.origin + authorize.pathname, `${provider.issuer}/authorize`);
    assert.equal(authorize.searchParams.get("scope"), "openid identite_pivot email");
    assert.equal(authorize.searchParams.get("acr_values"), "eidas1");
    assert.equal(authorize.searchParams.get("code_challenge_method"), "S256");
    assert.equal(authorize.searchParams.get("redirect_uri"), `${publicUrl}/franceconnect/retour`);
    for (const parameter of ["state", "nonce", "code_challenge"])
      assert.ok(authorize.searchParams.get(parameter), parameter);

    assert.equal(callback.status, 303);
    assert.equal(callback.location?.href, `${publicUrl}/espace`);
    const space = await visitor.get(`${publicUrl}/espace`);
    assert.equal(space.status, 200);
    assert.match(space.body, /Léa Moreau/);
    const id = await insuredId("lea.moreau@parcours.test");
    const trail = await auditTrailOf(database.db, id);
    assert.ok(trail.some((entry) => entry.action === "login.franceconnect" && entry.actorId === id));
  });

  test("a person born abroad is found by the birth country", async () => {
    const { visitor, callback } = await logIn(ANTONIO);
    assert.equal(callback.location?.pathname, "/espace");
    assert.match((await visitor.get(`${publicUrl}/espace`)).body, /António Ferreira/);
  });

  test("an identity that matches nobody gets a French page saying what to do, and no session", async () => {
    const { visitor, callback } = await logIn(NOBODY);
    assert.equal(callback.status, 200);
    assert.match(callback.body, /Nous n’avons pas pu retrouver votre dossier/);
    assert.match(callback.body, /Nom de naissance : INCONNUE/);
    assert.match(callback.body, /href="\/inscription"/);
    assert.match(callback.body, /3960/);
    assert.ok(!visitor.cookieNames().includes("parcours_session"));
    assert.equal((await visitor.get(`${publicUrl}/espace`)).location?.pathname, "/connexion");
  });

  test("cancelling at FranceConnect comes back to a French page", async () => {
    const visitor = new HttpVisitor();
    const { login } = await toProviderLogin(visitor);
    const cancel = formOf(login, "/annuler");
    const back = await visitor.follow(await visitor.post(cancel.action, cancel.fields), inParcours);
    const page = await visitor.get(back.location as URL);
    assert.equal(page.status, 400);
    assert.match(page.body, /Vous avez annulé la connexion avec FranceConnect/);
    assert.ok(!visitor.cookieNames().includes("parcours_session"));
  });

  test("a callback with another state is refused", async () => {
    const visitor = new HttpVisitor();
    const { login } = await toProviderLogin(visitor);
    const target = await chooseAccount(visitor, login, LEA);
    target.searchParams.set("state", "un-autre-etat");
    const page = await visitor.get(target);
    assert.equal(page.status, 400);
    assert.match(page.body, /La connexion n’a pas pu être vérifiée/);
    assert.ok(!visitor.cookieNames().includes("parcours_session"));
  });

  test("a callback opened in another browser is refused", async () => {
    const visitor = new HttpVisitor();
    const { login } = await toProviderLogin(visitor);
    const target = await chooseAccount(visitor, login, LEA);
    const elsewhere = new HttpVisitor();
    const page = await elsewhere.get(target);
    assert.equal(page.status, 400);
    assert.match(page.body, /Votre demande de connexion a expiré/);
    assert.ok(!elsewhere.cookieNames().includes("parcours_session"));
  });

  for (const [forgery, what] of [
    ["id-token-nonce", "an ID token carrying another nonce"],
    ["id-token-signature", "an ID token signed by a key outside the provider's JWKS"],
    ["userinfo-signature", "a userinfo signed by a key outside the provider's JWKS"],
  ] as const) {
    test(`${what} is refused`, async () => {
      provider.forge(forgery);
      const { visitor, callback } = await logIn(LEA);
      assert.equal(callback.status, 400);
      assert.match(callback.body, /La connexion n’a pas pu être vérifiée/);
      assert.ok(!visitor.cookieNames().includes("parcours_session"));
    });
  }

  test("logging out goes through FranceConnect and ends both sessions", async () => {
    const { visitor } = await logIn(LEA);
    const space = await visitor.get(`${publicUrl}/espace`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(space.body)?.[1] as string;
    const logout = await visitor.post(`${publicUrl}/franceconnect/deconnexion`, { _csrf: csrf });
    assert.equal(logout.status, 303);
    const endSession = logout.location as URL;
    assert.equal(endSession.origin + endSession.pathname, `${provider.issuer}/session/end`);
    assert.ok(endSession.searchParams.get("id_token_hint"));
    assert.ok(endSession.searchParams.get("state"));
    assert.equal(
      endSession.searchParams.get("post_logout_redirect_uri"),
      `${publicUrl}/franceconnect/deconnexion/retour`,
    );
    assert.equal((await visitor.get(`${publicUrl}/espace`)).location?.pathname, "/connexion");

    const confirm = await visitor.follow(logout);
    const form = formOf(confirm, "/session/end");
    const back = await visitor.follow(
      await visitor.post(form.action, { ...form.fields, logout: "yes" }),
      inParcours,
    );
    const page = await visitor.get(back.location as URL);
    assert.equal(page.status, 200);
    assert.match(page.body, /Vous êtes déconnecté de Parcours et de FranceConnect/);
    // FranceConnect forgot the person: a new login asks again who they are.
    await toProviderLogin(visitor);
  });
});
