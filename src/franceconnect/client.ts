import {
  AuthorizationResponseError,
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  buildEndSessionUrl,
  ClientSecretPost,
  type Configuration,
  calculatePKCECodeChallenge,
  discovery,
  enableNonRepudiationChecks,
  fetchUserInfo,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
} from "openid-client";
import type { FranceConnectConfig } from "../platform/config.ts";

/** FranceConnect v2: the scopes Parcours asks for and the lowest eIDAS level it accepts. */
export const SCOPES = "openid identite_pivot email";
export const ACR_VALUES = "eidas1";
const ACCEPTED_ACR = new Set(["eidas1", "eidas2", "eidas3"]);
/** Both ID token and userinfo are JWTs signed by FranceConnect with ES256 (client registration). */
const SIGNING_ALG = "ES256";
const TIMEOUT_SECONDS = 10;

export const CALLBACK_PATH = "/franceconnect/retour";
export const LOGOUT_RETURN_PATH = "/franceconnect/deconnexion/retour";

/** What the browser keeps (sealed) while it is at FranceConnect. */
export interface PendingLogin {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export type LoginOutcome =
  | {
      readonly kind: "verified";
      /** Raw ID token, kept in the session as `id_token_hint` for the logout. */
      readonly idToken: string;
      readonly subject: string;
      readonly userinfo: Record<string, unknown>;
    }
  /** FranceConnect answered with an error (the person cancelled: access_denied, …). */
  | { readonly kind: "refused"; readonly error: string }
  /** Anything that does not verify: state, code, PKCE, signature, nonce, issuer, audience, expiry. */
  | { readonly kind: "failed"; readonly reason: string };

/** Thrown when FranceConnect cannot be reached (discovery); the person is told to come back later. */
export class FranceConnectUnavailable extends Error {
  override name = "FranceConnectUnavailable";
}

function isLoopback(url: URL): boolean {
  return url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
}

/**
 * The relying party: discovery (once, retried after a failure), the authorization request, the checks on
 * the way back and the logout URL. openid-client verifies state, PKCE, the ID token's iss, aud, exp, iat,
 * nonce and alg; `enableNonRepudiationChecks` adds the signature checks of the ID token and of the
 * userinfo JWT against the provider's JWKS, which openid-client skips by default.
 */
export function franceConnectClient(settings: FranceConnectConfig & { readonly publicUrl: string }) {
  const issuer = new URL(settings.issuer);
  const redirectUri = new URL(CALLBACK_PATH, settings.publicUrl).href;
  const postLogoutRedirectUri = new URL(LOGOUT_RETURN_PATH, settings.publicUrl).href;
  let discovered: Promise<Configuration> | undefined;

  function configuration(): Promise<Configuration> {
    discovered ??= discovery(
      issuer,
      settings.clientId,
      {
        id_token_signed_response_alg: SIGNING_ALG,
        userinfo_signed_response_alg: SIGNING_ALG,
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [postLogoutRedirectUri],
      },
      ClientSecretPost(settings.clientSecret),
      {
        timeout: TIMEOUT_SECONDS,
        // Plain HTTP only for a provider on this machine (the tests' local provider).
        execute: [
          enableNonRepudiationChecks,
          ...(issuer.protocol === "http:" && isLoopback(issuer) ? [allowInsecureRequests] : []),
        ],
      },
    ).catch((error: unknown) => {
      discovered = undefined;
      throw new FranceConnectUnavailable(`discovery of ${issuer.href} failed`, { cause: error });
    });
    return discovered;
  }

  return {
    redirectUri,
    postLogoutRedirectUri,

    async beginLogin(): Promise<{ url: URL; pending: PendingLogin }> {
      const config = await configuration();
      const pending = { state: randomState(), nonce: randomNonce(), codeVerifier: randomPKCECodeVerifier() };
      const url = buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPES,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: "S256",
        acr_values: ACR_VALUES,
      });
      return { url, pending };
    },

    /** `search` is the query string of the callback as received. */
    async completeLogin(search: string, pending: PendingLogin): Promise<LoginOutcome> {
      const config = await configuration();
      const callback = new URL(redirectUri);
      callback.search = search;
      try {
        const tokens = await authorizationCodeGrant(config, callback, {
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          pkceCodeVerifier: pending.codeVerifier,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims || !tokens.id_token) return { kind: "failed", reason: "no ID token" };
        if (typeof claims.acr !== "string" || !ACCEPTED_ACR.has(claims.acr))
          return { kind: "failed", reason: `acr ${String(claims.acr)}` };
        const userinfo = await fetchUserInfo(config, tokens.access_token, claims.sub);
        // The signed userinfo must name its issuer and this client, not merely may.
        const audience = userinfo.aud;
        const forUs = Array.isArray(audience)
          ? audience.includes(settings.clientId)
          : audience === settings.clientId;
        if (userinfo.iss !== config.serverMetadata().issuer || !forUs)
          return { kind: "failed", reason: "userinfo iss or aud" };
        return { kind: "verified", idToken: tokens.id_token, subject: claims.sub, userinfo };
      } catch (error) {
        if (error instanceof AuthorizationResponseError) return { kind: "refused", error: error.error };
        return { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
      }
    },

    /** The end_session URL; `state` comes back to the post-logout page and is checked there. */
    async beginLogout(idToken: string): Promise<{ url: URL; state: string }> {
      const config = await configuration();
      const state = randomState();
      const url = buildEndSessionUrl(config, {
        id_token_hint: idToken,
        state,
        post_logout_redirect_uri: postLogoutRedirectUri,
      });
      return { url, state };
    },
  };
}

export type FranceConnectClient = ReturnType<typeof franceConnectClient>;
