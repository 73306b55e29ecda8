export type { CaseworkRoutesOptions } from "./routes.ts";
export { caseworkRoutes } from "./routes.ts";
