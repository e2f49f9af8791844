/**
 * The demo's world: the network, the suite, the actors and the validators' contracts. Built by
 * setup.ts, read by the term driver and the report. Amounts in nanoevers.
 */
import type { Address } from "locklift";
import type { Actor } from "../accounts";
import type { Elector } from "../contracts";
import type { OpenNetwork } from "../network";
import type { Progress } from "../progress";
import type { PlannedValidator, ValidatorPlan } from "../realset";
import type { SuiteFile } from "../suite";

export interface DemoStake {
  staker: Actor;
  /** the staker's DePoolWallet on the validator's workchain */
  wallet: Address;
  root: Address;
  validator: PlannedValidator;
  amount: bigint;
}

export interface DemoWorld {
  net: OpenNetwork;
  suite: SuiteFile;
  electors: Map<number, Elector>;
  plan: ValidatorPlan;
  operators: Actor[];
  stakers: Actor[];
  keeper: Actor;
  informant: Actor;
  /** withdrawal destinations outside DDVS (counted as `withdrawn`) */
  sinks: Address[];
  /** validator key → its operator (root owner) */
  ownerOf: Map<string, Actor>;
  /** validator key → DePoolRoot address */
  roots: Map<string, Address>;
  /** `${staker.name}:${chain}` → DePoolWallet */
  wallets: Map<string, Address>;
  stakes: DemoStake[];
  progress: Progress;
}
