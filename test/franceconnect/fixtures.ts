/**
 * Test accounts for the local FranceConnect provider, as FranceConnect would describe the demo personas
 * (birth dates as created on PERSONAS_TODAY), and what a test needs to start Parcours next to it.
 */
import { createServer } from "node:net";
import type { FranceConnectTestAccount } from "./provider.ts";

/** The personas' "today": create them with `createPersonas(database, { today: PERSONAS_TODAY })`. */
export const PERSONAS_TODAY = "2026-11-21";

/** Léa Moreau as FranceConnect describes her: born 1992-03-14 in Bastia (INSEE 2B033). */
export const LEA: FranceConnectTestAccount = {
  label: "Léa Moreau",
  claims: {
    given_name: "Léa Camille",
    family_name: "MOREAU",
    birthdate: "1992-03-14",
    gender: "female",
    birthplace: "2B033",
    birthcountry: "99100",
    email: "lea.moreau@franceconnect.test",
  },
};
/** António Ferreira, born 1959-07-18 in Portugal (INSEE country 99139). */
export const ANTONIO: FranceConnectTestAccount = {
  label: "António Ferreira",
  claims: {
    given_name: "António José",
    family_name: "FERREIRA",
    birthdate: "1959-07-18",
    gender: "male",
    birthplace: "",
    birthcountry: "99139",
    email: "antonio.ferreira@franceconnect.test",
  },
};
/** An identity that matches no insured person. */
export const NOBODY: FranceConnectTestAccount = {
  label: "Jeanne Inconnue",
  claims: {
    given_name: "Jeanne",
    family_name: "INCONNUE",
    birthdate: "1950-01-01",
    gender: "female",
    birthplace: "75056",
    birthcountry: "99100",
    email: "jeanne.inconnue@franceconnect.test",
  },
};
/** The accounts the provider offers, in this order, in the tests. */
export const ACCOUNTS = [LEA, ANTONIO, NOBODY];

/** A port free now, so Parcours' public URL (and the redirect URIs derived from it) is known before start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
