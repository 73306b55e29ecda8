import type { Agency } from "../reference/index.ts";

/**
 * The agency to suggest: the one in the person's town (same postcode), else one in their department,
 * else the first of their fund (people abroad keep the fund of their last French department).
 */
export function nearestAgency(
  person: { readonly postcode: string; readonly department: string },
  fundAgencies: readonly Agency[],
): Agency | undefined {
  return (
    fundAgencies.find((agency) => agency.postcode === person.postcode) ??
    fundAgencies.find((agency) => agency.department === person.department) ??
    fundAgencies[0]
  );
}
