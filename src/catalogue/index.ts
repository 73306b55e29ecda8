/** The service catalogue: which personal-space services a person is offered (DESIGN.md's table). */
export type { Catalogue, Profile, Service, ServiceCode } from "./model.ts";
export { catalogueFor } from "./model.ts";
export type { Offer } from "./service.ts";
export { offerFrom, offerOf, offers } from "./service.ts";
