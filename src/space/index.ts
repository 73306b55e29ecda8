/** The personal space: its home, and the catalogue of services by profile that other contexts check. */
export type { Catalogue, Profile, Service, ServiceCode } from "./model.ts";
export { catalogueFor } from "./model.ts";
export { spaceRoutes } from "./routes.ts";
export type { OwnerCatalogue } from "./service.ts";
export { ownerCatalogue } from "./service.ts";
