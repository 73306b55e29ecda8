export { simulationRoutes } from "./routes.ts";
