/**
 * The NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale"): 13 characters and a
 * 2-digit control key. Layout (INSEE, décret n° 82-103 du 22 janvier 1982 relatif au RNIPP):
 *   S AA MM DD CCC OOO KK
 *   S sex (1 man, 2 woman; 3, 4, 7, 8 for provisional numbers of people born abroad)
 *   AA year of birth, MM month (01–12; 20–42 or 50–99 when the month is unknown), DD department of
 *   birth (01–95, 2A/2B for Corsica, 97x/98x overseas with a 3-digit code, 99 abroad),
 *   CCC commune (or country code for people born abroad), OOO birth order, KK = 97 − (n mod 97)
 *   where n is the 13 digits read as a number, 2A counted as 19 and 2B as 18.
 */

export type NirProblem =
  | "empty"
  | "characters"
  | "length"
  | "sex"
  | "month"
  | "department"
  | "commune"
  | "order"
  | "key";

export type NirCheck = { ok: true; nir: string } | { ok: false; problem: NirProblem; message: string };

const MESSAGES: Record<NirProblem, string> = {
  empty: "Indiquez votre numéro de sécurité sociale.",
  characters:
    "Le numéro de sécurité sociale ne contient que des chiffres (et 2A ou 2B pour une naissance en Corse).",
  length: "Le numéro de sécurité sociale compte 15 caractères : 13 pour le numéro et 2 pour la clé.",
  sex: "Le premier chiffre du numéro de sécurité sociale doit être 1 (homme) ou 2 (femme).",
  month: "Les 4e et 5e chiffres indiquent le mois de naissance : ils doivent être compris entre 01 et 12.",
  department:
    "Les 6e et 7e caractères indiquent le département de naissance : ce département n'existe pas (99 pour une naissance à l'étranger).",
  commune: "Le code de la commune ou du pays de naissance (caractères 8 à 10) ne peut pas être 000.",
  order: "Le numéro d'ordre de naissance (caractères 11 à 13) ne peut pas être 000.",
  key: "La clé (les 2 derniers chiffres) ne correspond pas au numéro : vérifiez chaque chiffre sur votre carte Vitale.",
};

/** Keeps what a person may type around the number: spaces, dots, dashes; upper-cases 2a/2b. */
export function normalizeNir(input: string): string {
  return input.replace(/[\s.\-_]/g, "").toUpperCase();
}

/** Control key of the 13 first characters, as two digits. */
export function nirKey(thirteen: string): string {
  const numeric = thirteen.replace("2A", "19").replace("2B", "18");
  // 13 digits exceed 2^53 only slightly below 10^16; BigInt keeps it exact.
  const remainder = Number(BigInt(numeric) % 97n);
  return String(97 - remainder).padStart(2, "0");
}

function problem(kind: NirProblem): NirCheck {
  return { ok: false, problem: kind, message: MESSAGES[kind] };
}

function validDepartment(department: string, commune: string): boolean {
  if (department === "2A" || department === "2B") return true;
  if (!/^\d\d$/.test(department)) return false;
  const n = Number(department);
  if (n === 97 || n === 98) {
    // Overseas: the department takes a third digit from the commune field (971–976, 984–989).
    const third = Number(commune[0]);
    return n === 97 ? third >= 1 && third <= 6 : third >= 4 && third <= 9;
  }
  // 20 is Corsica for people born before its split in 1976; 96 was never given; 99 is abroad.
  return (n >= 1 && n <= 95) || n === 99;
}

export function checkNir(input: string): NirCheck {
  const nir = normalizeNir(input);
  if (nir === "") return problem("empty");
  if (/[^0-9AB]/.test(nir)) return problem("characters");
  if (nir.length !== 15) return problem("length");
  // A or B only as the 7th character, right after a 2: Corsica.
  if (!/^\d{5}(?:\d\d|2A|2B)\d{8}$/.test(nir)) return problem("characters");
  const sex = nir[0];
  if (sex !== "1" && sex !== "2" && sex !== "3" && sex !== "4" && sex !== "7" && sex !== "8")
    return problem("sex");
  const month = Number(nir.slice(3, 5));
  // 20–42 and 50–99 are given when the month of birth is unknown (INSEE); 13–19, 43–49 never.
  if (!(month >= 1 && month <= 12) && !(month >= 20 && month <= 42) && !(month >= 50 && month <= 99)) {
    return problem("month");
  }
  const department = nir.slice(5, 7);
  const commune = nir.slice(7, 10);
  if (!validDepartment(department, commune)) return problem("department");
  if (commune === "000") return problem("commune");
  if (nir.slice(10, 13) === "000") return problem("order");
  if (nirKey(nir.slice(0, 13)) !== nir.slice(13)) return problem("key");
  return { ok: true, nir };
}

/** "2 92 03 2B 033 ••• ••" : sex, birth year and month, place of birth; order and key hidden. */
export function maskNir(nir: string): string {
  return `${nir[0]} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ••• ••`;
}

/** The full number in its usual groups: 2 92 03 2B 033 991 47. */
export function formatNir(nir: string): string {
  return `${nir[0]} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}`;
}
