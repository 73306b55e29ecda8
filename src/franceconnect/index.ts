/** FranceConnect v2 as a second way into the personal space (docs/franceconnect.md). */
export type { FranceConnectRoutesOptions } from "./routes.ts";
export { franceConnectRoutes } from "./routes.ts";
export { cameThroughFranceConnect } from "./service.ts";
export {
  franceConnectButton,
  LOGIN_PATH as FRANCECONNECT_LOGIN_PATH,
  LOGOUT_PATH as FRANCECONNECT_LOGOUT_PATH,
  loginOption as franceConnectLoginOption,
} from "./views.ts";
