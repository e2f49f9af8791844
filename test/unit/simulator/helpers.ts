import { withSimKeys, SimValidator } from "../../../src/simulator";

/** 64-hex identity key from a small integer. */
export const key = (i: number): string => i.toString(16).padStart(64, "0");

/** Validators with the given delegations (deposit 10_000), identity keys key(1), key(2), … */
export function makeSet(delegations: bigint[], seed = 1): SimValidator[] {
  return withSimKeys(
    delegations.map((d, i) => ({ key: key(i + 1), delegation: d, deposit: 10_000n })),
    seed,
  );
}
