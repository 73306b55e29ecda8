/** FranceConnect v2 as a second way into the personal space (docs/franceconnect.md). */
export { cameThroughFranceConnect } from "./service.ts";
