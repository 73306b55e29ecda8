/**
 * A local OpenID provider that behaves like FranceConnect v2 (fcp-low) for tests: issuer with the
 * /api/v2 path, FranceConnect's endpoint names, ES256 signing keys, ID token and userinfo signed with
 * ES256 (userinfo as a JWT), PKCE S256 required, scopes openid / identite_pivot / email with the pivot
 * claims, acr eidas1, client_secret_post, logout through /session/end. Its login page lists the test
 * accounts (a form: a test follows it over HTTP, a browser test with the keyboard); consent is
 * granted without a page, as FranceConnect does for public services.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { escapeHtml } from "../../src/platform/html.ts";

/** The claims of the identite_pivot and email scopes, as FranceConnect sends them. */
export interface PivotClaims {
  readonly given_name: string;
  readonly family_name: string;
  readonly birthdate: string;
  readonly gender: "female" | "male";
  /** INSEE town code; "" for a birth abroad. */
  readonly birthplace: string;
  /** 99100 for France. */
  readonly birthcountry: string;
  readonly email: string;
}

export interface FranceConnectTestAccount {
  /** What the provider's login page shows for this account. */
  readonly label: string;
  readonly claims: PivotClaims;
}

/**
 * A response the provider should get wrong once, to prove Parcours notices: an ID token with another
 * nonce (validly signed), an ID token or a userinfo signed by a key that is not in the JWKS.
 */
export type Forgery = "id-token-nonce" | "id-token-signature" | "userinfo-signature";

export interface FranceConnectTestProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The next matching response is forged, then the provider behaves again. */
  forge(forgery: Forgery): void;
  stop(): Promise<void>;
}

const MOUNT = "/api/v2";
const SIGNING_KEY_ID = "fc-test-es256";
const PIVOT_CLAIMS = ["given_name", "family_name", "birthdate", "gender", "birthplace", "birthcountry"];

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} - FranceConnect (fournisseur de test)</title></head>
<body><main><h1>${title}</h1>
${main}
</main></body>
</html>`;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

/** A compact JWS re-signed with `key` (ES256, same header), its payload merged with `changes`. */
function resign(jwt: string, key: KeyObject, changes: Record<string, unknown> = {}): string {
  const [header, payload] = jwt.split(".") as [string, string];
  const claims = { ...JSON.parse(Buffer.from(payload, "base64url").toString("utf8")), ...changes };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = sign("sha256", Buffer.from(`${header}.${body}`), { key, dsaEncoding: "ieee-p1363" });
  return `${header}.${body}.${signature.toString("base64url")}`;
}

export async function startFranceConnectProvider(options: {
  /** Parcours' public URL: the redirect and post-logout URIs registered for the client derive from it. */
  readonly serviceUrl: string;
  readonly accounts: readonly FranceConnectTestAccount[];
}): Promise<FranceConnectTestProvider> {
  const clientId = randomBytes(32).toString("hex");
  const clientSecret = randomBytes(32).toString("hex");
  const signingKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  const foreignKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  // FranceConnect's sub: 64 hex characters and "v1", stable per person and service.
  const accounts = options.accounts.map((account, index) => ({
    ...account,
    sub: `${createHash("sha256").update(`${clientId}:${index}`).digest("hex")}v1`,
  }));
  let pendingForgery: Forgery | undefined;
  let provider: Provider | undefined;

  async function interaction(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const oidc = provider as Provider;
    const details = await oidc.interactionDetails(req, res);
    const action = path.split("/")[3];
    if (req.method === "POST" && action === "annuler") {
      return oidc.interactionFinished(req, res, {
        error: "access_denied",
        error_description: "L'usager a annulé la connexion.",
      });
    }
    if (req.method === "POST" && action === "connexion") {
      const chosen = accounts[Number((await readForm(req)).get("compte"))];
      if (!chosen) {
        res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("Compte inconnu.");
        return;
      }
      return oidc.interactionFinished(
        req,
        res,
        { login: { accountId: chosen.sub, acr: "eidas1", amr: ["pwd"] } },
        { mergeWithLastSubmission: false },
      );
    }
    if (details.prompt.name === "consent") {
      const existing = details.grantId ? await oidc.Grant.find(details.grantId) : undefined;
      const grant =
        existing ??
        new oidc.Grant({ accountId: details.session?.accountId ?? "", clientId: details.params.client_id });
      if (details.prompt.details.missingOIDCScope)
        grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(" "));
      if (details.prompt.details.missingOIDCClaims)
        grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
      return oidc.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
    }
    const choices = accounts
      .map(
        (account, index) =>
          `<div><input type="radio" id="compte-${index}" name="compte" value="${index}"${index === 0 ? " checked" : ""}><label for="compte-${index}">${escapeHtml(account.label)}</label></div>`,
      )
      .join("\n");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
      page(
        "Connexion avec FranceConnect",
        `<form method="post" action="/interaction/${details.uid}/connexion">
<fieldset><legend>Identité à transmettre au service</legend>
${choices}
</fieldset>
<button type="submit">Se connecter</button>
</form>
<form method="post" action="/interaction/${details.uid}/annuler"><button type="submit">Annuler et revenir au service</button></form>`,
      ),
    );
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path.startsWith("/interaction/")) {
      interaction(req, res, path).catch((error: unknown) => {
        res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end(String(error));
      });
      return;
    }
    if (path === MOUNT || path.startsWith(`${MOUNT}/`)) {
      // Mounted like Express does: oidc-provider reads its mount path from originalUrl.
      Object.assign(req, { originalUrl: req.url });
      req.url = (req.url ?? "").slice(MOUNT.length) || "/";
      (provider as Provider).callback()(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MOUNT}`;

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [new URL("/franceconnect/retour", options.serviceUrl).href],
        post_logout_redirect_uris: [new URL("/franceconnect/deconnexion/retour", options.serviceUrl).href],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_post",
        id_token_signed_response_alg: "ES256",
        userinfo_signed_response_alg: "ES256",
      },
    ],
    jwks: {
      keys: [{ ...signingKey.export({ format: "jwk" }), kid: SIGNING_KEY_ID, alg: "ES256", use: "sig" }],
    },
    enabledJWA: { idTokenSigningAlgValues: ["ES256"], userinfoSigningAlgValues: ["ES256"] },
    routes: { authorization: "/authorize", userinfo: "/userinfo", end_session: "/session/end" },
    scopes: ["openid", "identite_pivot", "email"],
    claims: { openid: ["sub"], identite_pivot: PIVOT_CLAIMS, email: ["email"] },
    acrValues: ["eidas1"],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: { body: unknown }, form: string) => {
          ctx.body = page(
            "Se déconnecter de FranceConnect",
            `${form}<p>Vous allez être déconnecté de FranceConnect.</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter</button>`,
          );
        },
        postLogoutSuccessSource: async (ctx: { body: unknown }) => {
          ctx.body = page("Vous êtes déconnecté de FranceConnect", "<p>Vous pouvez fermer cette page.</p>");
        },
      },
    },
    interactions: { url: (_ctx: unknown, pending: { uid: string }) => `/interaction/${pending.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.find((candidate) => candidate.sub === sub);
      return account && { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
    },
    renderError: async (ctx: { type: string; body: unknown }, out: { error: string }) => {
      ctx.type = "html";
      ctx.body = page("Erreur FranceConnect", `<p>Code : ${escapeHtml(out.error)}</p>`);
    },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    ttl: {
      AccessToken: 60,
      AuthorizationCode: 60,
      IdToken: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  });

  provider.use(async (ctx, next) => {
    await next();
    const forgery = pendingForgery;
    if (!forgery || ctx.status !== 200) return;
    if (ctx.path === "/token" && forgery !== "userinfo-signature") {
      pendingForgery = undefined;
      const body = ctx.body as { id_token: string };
      body.id_token =
        forgery === "id-token-nonce"
          ? resign(body.id_token, signingKey, { nonce: randomBytes(16).toString("base64url") })
          : resign(body.id_token, foreignKey);
    }
    if (ctx.path === "/userinfo" && forgery === "userinfo-signature" && typeof ctx.body === "string") {
      pendingForgery = undefined;
      ctx.body = resign(ctx.body, foreignKey);
    }
  });

  return {
    issuer,
    clientId,
    clientSecret,
    forge(forgery) {
      pendingForgery = forgery;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
